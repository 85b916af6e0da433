-- lua_socket.lua URL MODE: LuaSocket's socket.http, as games and editors call Ollama
local http = require("socket.http")
local ltn12 = require("ltn12")
local url, mode = arg[1], arg[2]
local model = os.getenv("MODEL") or "llama3.2"
http.TIMEOUT = 3
local path = ({ tags = "/api/tags", chat = "/api/chat" })[mode] or "/chat/completions"
local out = {}
local req = { url = url .. path, sink = ltn12.sink.table(out) }
if mode ~= "tags" then
  local body = '{"model":"' .. model .. '","messages":[{"role":"user","content":"hi"}],"stream":false}'
  req.method = "POST"
  req.headers = { ["content-type"] = "application/json", ["content-length"] = #body }
  req.source = ltn12.source.string(body)
end
local ok, code = http.request(req)
if not ok then error("Ollama request failed: " .. tostring(code)) end
if code >= 400 then error("Ollama returned " .. code .. ": " .. table.concat(out)) end
print(table.concat(out))
