# r_httr2.R URL MODE: httr2, as R's Ollama clients (ollamar) call the API.
args <- commandArgs(trailingOnly = TRUE)
url <- args[1]; mode <- args[2]
model <- Sys.getenv("MODEL", "llama3")
msgs <- list(list(role = "user", content = "hi"))
req <- httr2::req_timeout(httr2::request(url), 3)
if (mode == "tags") {
  req <- httr2::req_url_path_append(req, "api/tags")
} else if (mode == "chat") {
  req <- httr2::req_body_json(httr2::req_url_path_append(req, "api/chat"),
                              list(model = model, messages = msgs, stream = FALSE))
} else {
  req <- httr2::req_body_json(httr2::req_url_path_append(req, "chat/completions"),
                              list(model = model, messages = msgs))
}
resp <- httr2::req_perform(req)
cat(httr2::resp_body_string(resp), "\n")
