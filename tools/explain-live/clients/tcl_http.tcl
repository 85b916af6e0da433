# tcl_http.tcl URL MODE: Tcl's http package; an error is left uncaught, a status is reported
package require http
lassign $argv url mode
set model [expr {[info exists env(MODEL)] ? $env(MODEL) : "llama3.2"}]
if {$mode eq "tags"} {
    set tok [http::geturl $url/api/tags -timeout 3000]
} else {
    set path [expr {$mode eq "chat" ? "api/chat" : "chat/completions"}]
    set tok [http::geturl $url/$path -timeout 3000 -type application/json \
        -query "{\"model\":\"$model\",\"messages\":\[{\"role\":\"user\",\"content\":\"hi\"}\],\"stream\":false}"]
}
if {[http::status $tok] ne "ok"} { error "request failed: [http::status $tok] [http::error $tok]" }
if {[http::ncode $tok] >= 400} { error "Ollama: [http::code $tok] [http::data $tok]" }
puts [http::data $tok]
