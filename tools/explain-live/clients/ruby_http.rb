# ruby_http.rb URL MODE: http.rb (the http gem), an uncaught exception, as a
# Ruby script that calls Ollama shows it.
require 'http'
require 'json'
url, mode = ARGV
model = ENV.fetch('MODEL', 'llama3')
c = HTTP.timeout(connect: 3, read: 3)
chat = { model: model, messages: [{ role: 'user', content: 'hi' }], stream: false }
r = if mode == 'tags' then c.get("#{url}/api/tags")
    else c.post(mode == 'chat' ? "#{url}/api/chat" : "#{url}/chat/completions", json: chat)
    end
raise "HTTP #{r.status}: #{r.body}" unless r.status.success?
puts r.body
