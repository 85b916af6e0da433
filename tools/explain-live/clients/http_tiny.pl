use strict; use HTTP::Tiny;
my ($url, $mode) = @ARGV;
my $model = $ENV{MODEL} || 'llama3';
my $h = HTTP::Tiny->new(timeout => 3);
my $r = $mode eq 'tags' ? $h->get("$url/api/tags")
      : $h->post("$url/" . ($mode eq 'chat' ? 'api/chat' : 'chat/completions'), {headers => {'Content-Type' => 'application/json'}, content => qq({"model":"$model","messages":[{"role":"user","content":"hi"}],"stream":false})});
die "Ollama request failed: $r->{status} $r->{reason}\n$r->{content}\n" unless $r->{success};
print $r->{content};
