// rust_reqwest URL MODE: reqwest's blocking client, as a Rust program that
// calls Ollama does; the error is printed with {:?} as anyhow and unwrap do.
use std::time::Duration;

fn main() {
    let a: Vec<String> = std::env::args().collect();
    let (url, mode) = (&a[1], a[2].as_str());
    let model = std::env::var("MODEL").unwrap_or_else(|_| "llama3".into());
    let c = reqwest::blocking::Client::builder().timeout(Duration::from_secs(3)).build().unwrap();
    let chat = format!(r#"{{"model":"{}","messages":[{{"role":"user","content":"hi"}}],"stream":false}}"#, model);
    let r = match mode {
        "tags" => c.get(format!("{}/api/tags", url)).send(),
        "chat" => c.post(format!("{}/api/chat", url)).body(chat).send(),
        _ => c.post(format!("{}/chat/completions", url)).header("content-type", "application/json").body(chat).send(),
    };
    let r = r.unwrap();
    let r = r.error_for_status().unwrap();
    println!("{}", r.text().unwrap());
}
