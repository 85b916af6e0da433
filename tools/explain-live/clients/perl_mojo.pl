# perl_mojo.pl URL MODE: Mojo::UserAgent (Mojolicious), whose result croaks
# with the connection's error, as a Perl script that calls Ollama shows it.
use strict;
use warnings;
use Mojo::UserAgent;
my ($url, $mode) = @ARGV;
my $model = $ENV{MODEL} // 'llama3';
my $ua = Mojo::UserAgent->new(connect_timeout => 3, inactivity_timeout => 3);
$ua->proxy->detect;
my $chat = {model => $model, messages => [{role => 'user', content => 'hi'}], stream => \0};
my $tx = $mode eq 'tags' ? $ua->get("$url/api/tags")
  : $ua->post(($mode eq 'chat' ? "$url/api/chat" : "$url/chat/completions") => json => $chat);
my $res = $tx->result;
die $res->code . ' ' . $res->message . ': ' . $res->body . "\n" if $res->is_error;
print $res->body, "\n";
