-- One turn at an account's shared rate and a host's 429 gate, decided on the server's clock.
--
-- KEYS[1]  the account's GCRA key: its theoretical arrival time, in microseconds of server time
-- KEYS[2]  the host's gate key: when the host opens again, in microseconds of server time
-- ARGV[1]  "turn" to take a turn, "close" to close the gate
--   turn:  ARGV[2] the emission interval in microseconds (0: no rate limit),
--          ARGV[3] the burst tolerance in microseconds ((burst - 1) * interval)
--   close: ARGV[2] how long to keep the host closed, in microseconds from now
-- Returns 0 (turn: go now; close: done), or the microseconds to wait before asking again.
--
-- TIME is the server's clock, so no client clock is trusted. Numbers are written with
-- string.format('%.0f'): Lua's default number format keeps 14 digits, which would cut
-- microseconds since 1970 (16 digits). Both keys expire once they stop mattering.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local open_at = tonumber(redis.call('GET', KEYS[2]) or '0')

if ARGV[1] == 'close' then
  local until_ = now + tonumber(ARGV[2])
  if until_ > open_at then  -- a 429 only ever extends the closing, never shortens it
    redis.call('SET', KEYS[2], string.format('%.0f', until_),
      'PX', math.ceil((until_ - now) / 1000) + 1000)
  end
  return 0
end

if open_at > now then
  return open_at - now
end
local interval = tonumber(ARGV[2])
if interval <= 0 then
  return 0
end
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then
  tat = now
end
local wait = tat - tonumber(ARGV[3]) - now
if wait > 0 then
  return math.ceil(wait)
end
tat = tat + interval
redis.call('SET', KEYS[1], string.format('%.0f', math.ceil(tat)),
  'PX', math.ceil((tat - now) / 1000) + 1000)
return 0
