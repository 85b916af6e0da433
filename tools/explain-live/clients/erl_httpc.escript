#!/usr/bin/env escript
%% erl_httpc.escript URL MODE: Erlang's httpc, as Erlang and Elixir programs
%% that use the standard library call the API; a failure crashes the match.
main([Url, Mode]) ->
    inets:start(),
    ssl:start(),
    Model = os:getenv("MODEL", "llama3"),
    Opts = [{timeout, 3000}, {connect_timeout, 3000}],
    Msgs = "[{\"role\":\"user\",\"content\":\"hi\"}]",
    Req = case Mode of
              "tags" -> {get, {Url ++ "/api/tags", []}};
              "chat" -> {post, {Url ++ "/api/chat", [], "application/json",
                                "{\"model\":\"" ++ Model ++ "\",\"messages\":" ++ Msgs ++ ",\"stream\":false}"}};
              _ -> {post, {Url ++ "/chat/completions", [], "application/json",
                           "{\"model\":\"" ++ Model ++ "\",\"messages\":" ++ Msgs ++ "}"}}
          end,
    {Method, Request} = Req,
    {ok, {{_, Code, Reason}, _, Body}} = httpc:request(Method, Request, Opts, []),
    if Code >= 400 -> erlang:error({http_error, Code, Reason, Body});
       true -> io:format("~s~n", [Body])
    end.
