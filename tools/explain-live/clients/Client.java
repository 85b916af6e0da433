import java.net.URI;
import java.net.http.*;
import java.time.Duration;
public class Client {
  public static void main(String[] a) throws Exception {
    String url = a[0], mode = a[1];
    String model = System.getenv().getOrDefault("MODEL", "llama3");
    HttpClient c = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    HttpRequest.Builder b;
    if (mode.equals("tags")) b = HttpRequest.newBuilder(URI.create(url + "/api/tags")).GET();
    else if (mode.equals("chat")) b = HttpRequest.newBuilder(URI.create(url + "/api/chat")).POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":false}"));
    else b = HttpRequest.newBuilder(URI.create(url + "/chat/completions")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
    HttpResponse<String> r = c.send(b.timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() >= 400) throw new RuntimeException("Ollama API error " + r.statusCode() + ": " + r.body());
    System.out.println(r.body());
  }
}
