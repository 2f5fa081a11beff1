# Sieve (RFC 5228, with RFC 5260's index extension, in Pigeonhole/Dovecot):
# read only the first X-P0F field, the one p0f-queue wrote; a field the
# client sent itself comes later. Header values are unfolded before tests.
require ["fileinto", "index", "imap4flags"];

if header :index 1 :contains "X-P0F" "genre=Windows" {
  addflag "$P0F-Windows";
  if not exists "List-Id" {
    fileinto "Windows";
    stop;
  }
}
