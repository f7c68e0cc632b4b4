/**
 * The first process inside the sandbox's namespaces (pid 1 of its pid namespace), written in Perl because
 * perl-base is on every Debian-family system and its `syscall` reaches the mount API without a compiler.
 * It joins the run's cgroups, makes every mount read-only, hides sockets and chosen paths under empty
 * tmpfs mounts, mounts a fresh size-capped tmpfs on /tmp holding the program's files, signals "R" on fd 3,
 * then forks the program (through prlimit and setpriv), and reports the program's exact wait status on fd 3
 * as "X<status>".
 * Syscall numbers 429–442 (move_mount, fsopen, fsconfig, fsmount, mount_setattr) are the same on every
 * Linux architecture; older kernels fall back to mount(8).
 * A kernel alarm ends the whole namespace after `backstop` seconds even if the parent process is gone.
 * With a referee (its argv newline-separated; empty for none) it first reads the referee's private input
 * from fd 5, starts the referee in / with that input on its stdin, the report pipe to the parent (our fd 4)
 * as its fd 5 and the two channel pipes as its fds 3 (to the program) and 4 (from the program), then starts
 * the program with the other ends as its fds 3 and 4; the program never holds fds 4 or 5 of the parent.
 * When the referee exits, the program is killed.
 * Arguments: stage uid gid tmpfs-bytes cgroup-files hide-paths mode backstop-seconds referee-argv -- argv...
 * @example spawn("unshare", [...nsFlags, "perl", "-e", INIT_SCRIPT, stage, uid, gid, size, cgs, hide, "root", "--", ...argv])
 */
export const INIT_SCRIPT = String.raw`
use strict; use warnings;
my ($stage, $uid, $gid, $size, $cgs, $hide, $mode, $backstop, $refargv, @argv) = @ARGV;
shift @argv if @argv && $argv[0] eq '--';
my @refargv = grep { length } split /\n/, $refargv;
my $refin = '';
if (@refargv) {
  open(my $in5, '<&', 5) or fatal("referee input"); binmode $in5; local $/; $refin = <$in5>; close $in5;
  $refin = '' unless defined $refin;
}
my $userns = $mode eq 'userns';
sub fatal { my $e = $!; print STDERR "sandbox setup: $_[0]: $e\n"; exit 125; }
for my $f (grep { length } split /\n/, $cgs) {
  open(my $fh, '>', $f) or fatal("join cgroup $f"); print $fh "0\n"; close($fh) or fatal("join cgroup $f");
}
my %files;
opendir(my $dh, $stage) or fatal("open stage");
for my $n (grep { !/^\.\.?$/ } readdir $dh) {
  open(my $fh, '<:raw', "$stage/$n") or fatal("read $n"); local $/; $files{$n} = <$fh>; close $fh;
}
closedir $dh;
my $AT_FDCWD = -100;
sub tmpfs_at {
  my ($path, $opts, $attrs) = @_;
  my $fs = "tmpfs"; my $fd = syscall(430, $fs, 1);
  if ($fd < 0) {
    my $o = join(',', map { "$_->[0]=$_->[1]" } @$opts) . (($attrs & 1) ? ',ro' : '') . ',nosuid,nodev';
    system('mount', '-t', 'tmpfs', '-o', $o, 'tmpfs', $path) == 0 or fatal("mount tmpfs $path");
    return;
  }
  for my $kv (@$opts) { my ($k, $v) = ("$kv->[0]", "$kv->[1]"); syscall(431, $fd, 1, $k, $v, 0) == 0 or fatal("fsconfig $k"); }
  syscall(431, $fd, 6, 0, 0, 0) == 0 or fatal("fsconfig create");
  my $mfd = syscall(432, $fd, 1, $attrs); $mfd >= 0 or fatal("fsmount");
  my ($e, $p) = ("", "$path");
  syscall(429, $mfd, $e, $AT_FDCWD, $p, 4) == 0 or fatal("move_mount $path");
}
# Every mount read-only, nosuid, nodev, recursively (MOUNT_ATTR_RDONLY|NOSUID|NODEV, AT_RECURSIVE).
my $attr = pack("QQQQ", 1 | 2 | 4, 0, 0, 0); my $root = "/";
if (syscall(442, $AT_FDCWD, $root, 0x8000, $attr, 32) != 0) {
  open(my $mi, '<', '/proc/self/mountinfo') or fatal("read mountinfo");
  my @mps = map { (split / /)[4] } <$mi>; close $mi;
  for my $mp (@mps) { $mp =~ s/\\040/ /g; system('mount', '-o', 'remount,bind,ro,nosuid,nodev', $mp); }
}
if (open(my $probe, '>', '/.sandbox-probe')) { close $probe; unlink '/.sandbox-probe'; $! = 0; fatal("/ is still writable"); }
for my $p ('/run', grep { length } split /\n/, $hide) {
  tmpfs_at($p, [["size", "4k"], ["mode", "0755"]], 1 | 2 | 4 | 8) if -d $p && !-l $p;
}
my @own = $userns ? (["mode", "0777"]) : (["mode", "0700"], ["uid", $uid], ["gid", $gid]);
tmpfs_at('/tmp', [["size", $size], @own], 2 | 4);
for my $n (keys %files) {
  open(my $fh, '>:raw', "/tmp/$n") or fatal("write $n"); print $fh $files{$n}; close $fh or fatal("write $n");
  if ($userns) { chmod(0666, "/tmp/$n") or fatal("chmod $n"); } else { chown($uid, $gid, "/tmp/$n") or fatal("chown $n"); }
}
chdir('/tmp') or fatal("chdir");
use POSIX ();
my ($rq_r, $rq_w, $rs_r, $rs_w, $in_r, $in_w, $rpid);
if (@refargv) {
  pipe($rq_r, $rq_w) or fatal("pipe"); pipe($rs_r, $rs_w) or fatal("pipe"); pipe($in_r, $in_w) or fatal("pipe");
  $rpid = fork(); defined $rpid or fatal("fork");
  if ($rpid == 0) {
    # fds 0-5 are taken, so the pipes are above 5; the report pipe (fd 4) moves to fd 5 before fd 4 is
    # replaced, and the referee's stdout joins its stderr.
    POSIX::dup2(4, 5); POSIX::dup2(2, 1); POSIX::dup2(fileno($in_r), 0);
    POSIX::dup2(fileno($rq_w), 3); POSIX::dup2(fileno($rs_r), 4);
    chdir('/');
    exec { $refargv[0] } @refargv or do { print STDERR "sandbox setup: exec referee $refargv[0]: $!\n"; POSIX::_exit(126); };
  }
  POSIX::close(4); POSIX::close(5);
  close $in_r; close $rq_w; close $rs_r;
  $SIG{PIPE} = 'IGNORE';
  my $off = 0;
  while ($off < length $refin) { my $n = syswrite($in_w, $refin, length($refin) - $off, $off); last unless $n; $off += $n; }
  close $in_w;
  $refin = '';
  $SIG{PIPE} = 'DEFAULT';
}
my $pid = fork(); defined $pid or fatal("fork");
if ($pid == 0) {
  my $ready; if (open($ready, '>&=', 3)) { syswrite($ready, "R"); close $ready; }
  if (@refargv) { POSIX::dup2(fileno($rq_r), 3); POSIX::dup2(fileno($rs_w), 4); } else { POSIX::close(4); }
  POSIX::close(5);
  exec { $argv[0] } @argv or do { print STDERR "sandbox setup: exec $argv[0]: $!\n"; exit 126; };
}
if (@refargv) { close $rq_r; close $rs_w; }
$SIG{ALRM} = sub { exit 124; };
alarm($backstop);
my $st;
my %live = ($pid => 1); $live{$rpid} = 1 if $rpid;
while (%live) {
  my $w = waitpid(-1, 0);
  last if $w < 0;
  next unless $live{$w};
  delete $live{$w};
  if ($w == $pid) { $st = $?; }
  elsif ($live{$pid}) { kill 'KILL', $pid; }
}
# The exact wait status goes to the parent on fd 3, which the program never holds, so it cannot be forged.
my $report; if (open($report, '>&=', 3)) { syswrite($report, "X$st\n"); close $report; }
exit(($st & 127) ? 128 + ($st & 127) : $st >> 8);
`;
