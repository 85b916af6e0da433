-- hs_http_client.hs URL MODE: http-client (plain HTTP, no TLS manager), the exception left uncaught
{-# LANGUAGE OverloadedStrings #-}
import qualified Data.ByteString.Lazy.Char8 as L
import Network.HTTP.Client
import Network.HTTP.Types.Status (statusCode)
import System.Environment (getArgs, lookupEnv)
import Control.Monad (when)

main :: IO ()
main = do
  [url, mode] <- getArgs
  model <- maybe "llama3.2" id <$> lookupEnv "MODEL"
  mgr <- newManager defaultManagerSettings { managerResponseTimeout = responseTimeoutMicro 3000000 }
  let path = case mode of { "tags" -> "/api/tags"; "chat" -> "/api/chat"; _ -> "/chat/completions" }
      body = "{\"model\":\"" ++ model ++ "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":false}"
  req0 <- parseRequest (url ++ path)
  let req = if mode == "tags" then req0
            else req0 { method = "POST", requestBody = RequestBodyLBS (L.pack body),
                        requestHeaders = [("Content-Type", "application/json")] }
  res <- httpLbs req mgr
  when (statusCode (responseStatus res) >= 400) $
    ioError (userError ("Ollama returned " ++ show (statusCode (responseStatus res)) ++ ": " ++ L.unpack (responseBody res)))
  L.putStrLn (responseBody res)
