-- The soak's mix: id lookups with includes, filtered lists, batch creates and updates,
-- counting 5xx answers (which must stay at zero) per thread.
local counter = 0
local threads = {}

function setup(thread)
  thread:set("tag", tostring(#threads + 1))
  table.insert(threads, thread)
end

-- args: the number of customers to pick ids from, and a run name that keeps this run's
-- emails apart from an earlier run's on the same store.
function init(args)
  server_errors = 0
  client_errors = 0
  ids = tonumber(args[1]) or 1000
  run = args[2] or "run"
end

function request()
  counter = counter + 1
  local kind = counter % 10
  if kind < 5 then
    local a, b = math.random(ids), math.random(ids)
    return wrk.format("GET", "/stores/soak/v3/customers?id:in=" .. a .. "," .. b .. "&include=attributes,addresses")
  elseif kind < 7 then
    return wrk.format("GET", "/stores/soak/v3/customers?name:like=an&limit=20&page=" .. math.random(5))
  elseif kind < 8 then
    local body = string.format('[{"email":"soak-%s-%s-%d@example.com","first_name":"Soak","last_name":"Test"}]', run, tag, counter)
    return wrk.format("POST", "/stores/soak/v3/customers", {["Content-Type"] = "application/json"}, body)
  else
    local body = string.format('[{"id":%d,"notes":"soak %d"}]', math.random(ids), counter)
    return wrk.format("PUT", "/stores/soak/v3/customers", {["Content-Type"] = "application/json"}, body)
  end
end

function response(status, headers, body)
  if status >= 500 then server_errors = server_errors + 1 elseif status >= 400 then client_errors = client_errors + 1 end
end

function done(summary, latency, requests)
  local server, client = 0, 0
  for _, thread in ipairs(threads) do
    server = server + thread:get("server_errors")
    client = client + thread:get("client_errors")
  end
  io.write(string.format("5xx responses: %d, 4xx responses: %d\n", server, client))
end
