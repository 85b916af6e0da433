import java.net.*;
import java.io.*;
public class Legacy {
  public static void main(String[] a) throws Exception {
    String url = a[0], mode = a[1];
    String model = System.getenv().getOrDefault("MODEL", "llama3");
    String path = mode.equals("tags") ? "/api/tags" : mode.equals("chat") ? "/api/chat" : "/chat/completions";
    HttpURLConnection c = (HttpURLConnection) new URL(url + path).openConnection();
    c.setConnectTimeout(3000); c.setReadTimeout(3000);
    if (!mode.equals("tags")) {
      c.setRequestMethod("POST"); c.setDoOutput(true); c.setRequestProperty("Content-Type", "application/json");
      try (OutputStream o = c.getOutputStream()) { o.write(("{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":false}").getBytes()); }
    }
    try (InputStream in = c.getInputStream()) { System.out.println(new String(in.readAllBytes())); }
  }
}
