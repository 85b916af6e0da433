# perl_lwp.pl URL MODE: LWP::UserAgent with the environment's proxy, dying with the status line
use strict; use LWP::UserAgent;
my ($url, $mode) = @ARGV;
my $model = $ENV{MODEL} || 'llama3.2';
my $ua = LWP::UserAgent->new(timeout => 3);
$ua->env_proxy;
my $r = $mode eq 'tags' ? $ua->get("$url/api/tags")
      : $ua->post("$url/" . ($mode eq 'chat' ? 'api/chat' : 'chat/completions'), 'Content-Type' => 'application/json',
                  Content => qq({"model":"$model","messages":[{"role":"user","content":"hi"}],"stream":false}));
die "Error: " . $r->status_line . "\n" . $r->decoded_content . "\n" unless $r->is_success;
print $r->decoded_content;
