// go_client URL MODE: net/http, as a Go program that calls Ollama does.
package main

import (
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"strings"
	"time"
)

func main() {
	url, mode := os.Args[1], os.Args[2]
	model := os.Getenv("MODEL")
	c := &http.Client{Timeout: 3 * time.Second}
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
		log.Fatalf("ollama: %s: %s", resp.Status, body)
	}
	fmt.Println(string(body))
}
