-- POST batches of 10 new customers; emails are unique per thread and request, so every
-- batch is a real write (a 422 for a duplicate would measure the rule check, not the write).
local counter = 0
local threads = {}

function setup(thread)
  thread:set("tag", tostring(#threads + 1))
  table.insert(threads, thread)
end

function request()
  counter = counter + 1
  local items = {}
  for i = 1, 10 do
    items[i] = string.format('{"email":"bench-%s-%d-%d@example.com","first_name":"Bench","last_name":"Mark"}', tag, counter, i)
  end
  return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, "[" .. table.concat(items, ",") .. "]")
end
