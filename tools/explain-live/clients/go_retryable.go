// go_retryable URL MODE: hashicorp/go-retryablehttp, as Go tools that retry do.
package main

import (
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"strings"
	"time"

	retryablehttp "github.com/hashicorp/go-retryablehttp"
)

func main() {
	url, mode := os.Args[1], os.Args[2]
	model := os.Getenv("MODEL")
	c := retryablehttp.NewClient()
	c.RetryMax = 1
	c.RetryWaitMin = 100 * time.Millisecond
	c.RetryWaitMax = 200 * time.Millisecond
	c.HTTPClient.Timeout = 3 * time.Second
	c.Logger = nil
	var resp *http.Response
	var err error
	switch mode {
	case "tags":
		resp, err = c.Get(url + "/api/tags")
	case "chat":
		resp, err = c.Post(url+"/api/chat", "application/json", strings.NewReader(`{"model":"`+model+`","messages":[{"role":"user","content":"hi"}],"stream":false}`))
	default:
		resp, err = c.Post(url+"/chat/completions", "application/json", strings.NewReader(`{"model":"`+model+`","messages":[{"role":"user","content":"hi"}]}`))
	}
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode >= 400 {
		log.Fatalf("unexpected status %d: %s", resp.StatusCode, body)
	}
	fmt.Println(string(body))
}
