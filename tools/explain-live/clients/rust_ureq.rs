// rust_ureq URL MODE: ureq, the small blocking client; errors as Display, as a
// CLI's `Error: {}` prints them.
use std::time::Duration;

fn main() {
    let a: Vec<String> = std::env::args().collect();
    let (url, mode) = (&a[1], a[2].as_str());
    let model = std::env::var("MODEL").unwrap_or_else(|_| "llama3".into());
    let ag = ureq::AgentBuilder::new().timeout(Duration::from_secs(3)).build();
    let chat = format!(r#"{{"model":"{}","messages":[{{"role":"user","content":"hi"}}],"stream":false}}"#, model);
    let r = match mode {
        "tags" => ag.get(&format!("{}/api/tags", url)).call(),
        "chat" => ag.post(&format!("{}/api/chat", url)).send_string(&chat),
        _ => ag.post(&format!("{}/chat/completions", url)).set("content-type", "application/json").send_string(&chat),
    };
    match r {
        Ok(r) => println!("{}", r.into_string().unwrap()),
        Err(e) => {
            eprintln!("Error: {}", e);
            std::process::exit(1);
        }
    }
}
