// go_resty URL MODE: go-resty, as Go clients built on it do.
package main

import (
	"fmt"
	"log"
	"os"
	"time"

	resty "github.com/go-resty/resty"
)

func main() {
	url, mode := os.Args[1], os.Args[2]
	model := os.Getenv("MODEL")
	c := resty.New().SetTimeout(3 * time.Second)
	var resp *resty.Response
	var err error
	switch mode {
	case "tags":
		resp, err = c.R().Get(url + "/api/tags")
	case "chat":
		resp, err = c.R().SetHeader("Content-Type", "application/json").
			SetBody(`{"model":"` + model + `","messages":[{"role":"user","content":"hi"}],"stream":false}`).Post(url + "/api/chat")
	default:
		resp, err = c.R().SetHeader("Content-Type", "application/json").
			SetBody(`{"model":"` + model + `","messages":[{"role":"user","content":"hi"}]}`).Post(url + "/chat/completions")
	}
	if err != nil {
		log.Fatal(err)
	}
	if resp.IsError() {
		log.Fatalf("ollama error: %s %s", resp.Status(), resp.String())
	}
	fmt.Println(resp.String())
}
