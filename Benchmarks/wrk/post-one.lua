-- POST one new customer per request: each request is one write and raises one event.
local counter = 0
local threads = {}

function setup(thread)
  thread:set("tag", tostring(#threads + 1))
  table.insert(threads, thread)
end

function request()
  counter = counter + 1
  local body = string.format('[{"email":"hook-%s-%d@example.com","first_name":"Bench","last_name":"Mark"}]', tag, counter)
  return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, body)
end
