// SpringClient URL MODE: Spring's RestTemplate (Debian's Spring 4.3, on
// HttpURLConnection), an uncaught exception, as a Spring program that calls
// Ollama shows it; Spring AI's RestClient words its failures the same way.
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestTemplate;
public class SpringClient {
  public static void main(String[] a) {
    String url = a[0], mode = a[1];
    String model = System.getenv().getOrDefault("MODEL", "llama3");
    SimpleClientHttpRequestFactory f = new SimpleClientHttpRequestFactory();
    f.setConnectTimeout(3000);
    f.setReadTimeout(3000);
    RestTemplate t = new RestTemplate(f);
    String chat = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":false}";
    HttpHeaders h = new HttpHeaders();
    h.setContentType(MediaType.APPLICATION_JSON);
    if (mode.equals("tags")) System.out.println(t.getForObject(url + "/api/tags", String.class));
    else System.out.println(t.postForObject(url + (mode.equals("chat") ? "/api/chat" : "/chat/completions"),
                                            new HttpEntity<String>(chat, h), String.class));
  }
}
