#!/usr/bin/env bash
# Regenerates the link/IP/transport framing fixtures in tests/testdata/framing/ from real traffic.
#
# Every capture is taken by tcpdump from the Linux kernel moving packets between network namespaces that this script
# creates and deletes again (veth pairs, a pair of tun devices bridged by a tiny Perl loop, loopback). Nothing leaves
# the machine: all addresses are documentation ranges (RFC 5737 198.51.100.0/24 and 192.0.2.0/24, RFC 3849
# 2001:db8::/32) inside those namespaces. tests/testdata/framing/README.md says what each file holds and how it was made.
#
# Needs root, iproute2 (ip, tc), tcpdump and perl (Debian's perl-base is enough). The kernel this runs on has no 8021q
# module and no tc vlan action, so VLAN tags are pushed and popped by two-instruction eBPF programs (bpf_skb_vlan_push /
# bpf_skb_vlan_pop, loaded by the Perl helper through bpf(2)) attached with cls_bpf on the veth ends: the kernel keeps
# the tag out of band like a hardware-offloaded tag, and libpcap reinserts it into the captured bytes, exactly as it
# would for an 8021q vlan link.
#
# Usage: sudo bash scripts/make-framing-fixtures.sh [OUT_DIR]   (default tests/testdata/framing)
# To check a fresh set against tshark without replacing the committed one (whose frames the table tests quote):
#   sudo bash scripts/make-framing-fixtures.sh /tmp/framing &&
#     NETPIX_FRAMING_FIXTURES=/tmp/framing deno test -A src/protocols/frame_test.ts --filter tshark
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-$ROOT/tests/testdata/framing}"
PREFIX="npfx$$"
WORK="$(mktemp -d /tmp/netpix-framing.XXXXXX)"
BPFFS="$WORK/bpffs"
PIDS=()

log() { printf 'make-framing-fixtures: %s\n' "$*" >&2; }

cleanup() {
  local pid ns
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  for ns in $(ip netns list | awk '{print $1}' | grep "^$PREFIX-" || true); do ip netns del "$ns" 2>/dev/null || true; done
  if mountpoint -q "$BPFFS" 2>/dev/null; then umount "$BPFFS" || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

for tool in ip tc tcpdump perl; do
  command -v "$tool" >/dev/null || {
    log "missing $tool"
    exit 1
  }
done
if [ "$(id -u)" != 0 ]; then
  log "must run as root (network namespaces, tun, bpf)"
  exit 1
fi
mkdir -p "$OUT" "$BPFFS"
mount -t bpf bpf "$BPFFS"

# ---------------------------------------------------------------------------------------------------------------------
# The Perl helper: traffic endpoints, the tun bridge, the eBPF VLAN programs and the pcap link-header rewriter.
cat >"$WORK/np.pl" <<'PERL'
use strict; use warnings;
use Socket qw(:DEFAULT inet_pton pack_sockaddr_in6 AF_INET6 IPPROTO_IPV6 SOCK_RAW);
use IO::Socket::IP;
$| = 1;
my $cmd = shift @ARGV // die "no command\n";

sub family { $_[0] =~ /:/ ? AF_INET6 : AF_INET }
sub sockaddr { my ($addr, $port) = @_;
  family($addr) == AF_INET6 ? pack_sockaddr_in6($port, inet_pton(AF_INET6, $addr)) : pack_sockaddr_in($port, inet_aton($addr)) }
sub readable { my ($fh, $timeout) = @_; my $rin = ''; vec($rin, fileno($fh), 1) = 1; select(my $r = $rin, undef, undef, $timeout) > 0 }
sub pattern { my ($n) = @_; substr("netpix framing fixture " x (1 + int($n / 23)), 0, $n) }

if ($cmd eq "udp-echo") {            # udp-echo BIND PORT SECONDS: answer every datagram with the same bytes
  my ($bind, $port, $secs) = @ARGV;
  my $s = IO::Socket::IP->new(LocalHost => $bind, LocalPort => $port, Proto => "udp", ReuseAddr => 1, V6Only => 1) or die "udp-echo: $@\n";
  print "ready\n"; my $end = time + $secs;
  while (time < $end) { next unless readable($s, 0.2); my $peer = recv($s, my $buf, 65535, 0); send($s, $buf, 0, $peer) if defined $peer; }
} elsif ($cmd eq "tcp-echo") {       # tcp-echo BIND PORT SECONDS: read one message per connection, echo it, close
  my ($bind, $port, $secs) = @ARGV;
  my $l = IO::Socket::IP->new(LocalHost => $bind, LocalPort => $port, Listen => 8, ReuseAddr => 1, V6Only => 1) or die "tcp-echo: $@\n";
  print "ready\n"; my $end = time + $secs;
  while (time < $end) {
    next unless readable($l, 0.2); my $c = $l->accept or next;
    if (readable($c, 2)) { my $n = sysread($c, my $buf, 65535); syswrite($c, $buf) if $n; }
    close($c);
  }
} elsif ($cmd eq "udp-send") {       # udp-send DST PORT SIZE [hopopts] [dstopts] [ipopts] [noreply]
  my ($dst, $port, $size, @opt) = @ARGV; my %o = map { $_ => 1 } @opt;
  socket(my $s, family($dst), SOCK_DGRAM, 0) or die "socket: $!\n";
  # RFC 8200 §4.2 options header: next header (filled by the kernel), length 0 (8 bytes), one option of type 0x1e
  # (RFC 4727 experimental, "skip if unknown") carrying 4 bytes.
  my $opts = pack("CC", 0, 0) . pack("CC", 0x1e, 4) . "npfx";
  setsockopt($s, IPPROTO_IPV6, 54, $opts) or die "IPV6_HOPOPTS: $!\n" if $o{hopopts};
  setsockopt($s, IPPROTO_IPV6, 59, $opts) or die "IPV6_DSTOPTS: $!\n" if $o{dstopts};
  # RFC 791 §3.1 Record Route: type 7, length 11, pointer 4, two empty slots; then End of Option List.
  setsockopt($s, 0, 4, pack("CCC", 7, 11, 4) . ("\0" x 8) . "\0") or die "IP_OPTIONS: $!\n" if $o{ipopts};
  defined send($s, pattern($size), 0, sockaddr($dst, $port)) or die "send: $!\n";
  readable($s, 2) and recv($s, my $buf, 65535, 0) unless $o{noreply};
} elsif ($cmd eq "tcp-send") {       # tcp-send DST PORT SIZE: connect (retrying), send, read the echo, close
  my ($dst, $port, $size) = @ARGV; my $c;
  for (1 .. 50) { $c = IO::Socket::IP->new(PeerHost => $dst, PeerPort => $port, Proto => "tcp") and last; select(undef, undef, undef, 0.1); }
  $c or die "tcp-send: cannot connect to $dst $port\n";
  syswrite($c, pattern($size)); readable($c, 2) and sysread($c, my $buf, 65535); close($c);
} elsif ($cmd eq "raw6-send") {      # raw6-send DST PROTO HEX: the kernel builds the IPv6 header, HEX is what follows it
  my ($dst, $proto, $hex) = @ARGV;
  socket(my $s, AF_INET6, SOCK_RAW, $proto) or die "raw socket: $!\n";
  defined send($s, pack("H*", $hex), 0, sockaddr($dst, 0)) or die "send: $!\n";
} elsif ($cmd eq "tun-bridge") {     # tun-bridge A B SECONDS: two tun devices whose packets are copied across
  my ($na, $nb, $secs) = @ARGV;
  my @fh = map { open(my $fh, "+<", "/dev/net/tun") or die "/dev/net/tun: $!\n";
    ioctl($fh, 0x400454ca, pack("a16 s x22", $_, 0x0001 | 0x1000)) or die "TUNSETIFF $_: $!\n"; $fh } ($na, $nb); # IFF_TUN|IFF_NO_PI
  print "ready\n"; my $end = time + $secs;
  while (time < $end) {
    my $rin = ''; vec($rin, fileno($_), 1) = 1 for @fh;
    next unless select(my $rout = $rin, undef, undef, 0.2) > 0;
    for my $i (0, 1) { next unless vec($rout, fileno($fh[$i]), 1); my $n = sysread($fh[$i], my $buf, 65536); syswrite($fh[1 - $i], $buf) if $n; }
  }
} elsif ($cmd eq "bpf-vlan") {       # bpf-vlan PIN push TPID:VID [TPID:VID] | bpf-vlan PIN pop N
  my ($pin, $mode, @args) = @ARGV;
  sub insn { my ($code, $dst, $src, $off, $imm) = @_; pack("CCsl", $code, ($src << 4) | $dst, $off, $imm) }
  my $prog = insn(0xbf, 6, 1, 0, 0);                                        # r6 = r1 (the skb)
  if ($mode eq "push") {
    for (@args) { my ($tpid, $vid) = map { /^0x/i ? hex($_) : $_ + 0 } split /:/;
      $prog .= insn(0xbf, 1, 6, 0, 0) . insn(0xb7, 2, 0, 0, (($tpid & 0xff) << 8) | ($tpid >> 8))  # r1 = skb, r2 = htons(tpid)
             . insn(0xb7, 3, 0, 0, $vid) . insn(0x85, 0, 0, 0, 18); }                                # r3 = tci; bpf_skb_vlan_push
  } else { $prog .= insn(0xbf, 1, 6, 0, 0) . insn(0x85, 0, 0, 0, 19) for 1 .. $args[0]; }            # bpf_skb_vlan_pop
  $prog .= insn(0xb7, 0, 0, 0, 0) . insn(0x95, 0, 0, 0, 0);                # return TC_ACT_OK
  my ($license, $log, $path) = ("GPL\0", "\0" x 65536, "$pin\0");
  my $attr = pack("LLQQLLQLL", 3, length($prog) / 8, unpack("J", pack("p", $prog)), unpack("J", pack("p", $license)),
    1, length($log), unpack("J", pack("p", $log)), 0, 0) . ("\0" x 80);     # BPF_PROG_TYPE_SCHED_CLS
  my $fd = syscall(321, 5, $attr, length($attr));                           # bpf(BPF_PROG_LOAD)
  if ($fd < 0) { $log =~ s/\0+$//; die "BPF_PROG_LOAD: $!\n$log\n"; }
  my $pinattr = pack("QLL", unpack("J", pack("p", $path)), $fd, 0) . ("\0" x 48);
  syscall(321, 6, $pinattr, length($pinattr)) == 0 or die "BPF_OBJ_PIN $pin: $!\n"; # bpf(BPF_OBJ_PIN)
} elsif ($cmd eq "relink") {         # relink IN OUT LINKTYPE le|be: raw-IP pcap -> 4-byte AF header per packet
  my ($in, $out, $linktype, $endian) = @ARGV;
  open(my $fi, "<:raw", $in) or die "$in: $!\n"; open(my $fo, ">:raw", $out) or die "$out: $!\n";
  read($fi, my $gh, 24) == 24 or die "short pcap header\n";
  my $magic = unpack("V", $gh); die "relink expects a little-endian pcap\n" unless $magic == 0xa1b2c3d4 || $magic == 0xa1b23c4d;
  print $fo substr($gh, 0, 20) . pack("V", $linktype);
  my @af6 = (24, 28, 30); my $k = 0;                                        # NetBSD/OpenBSD, FreeBSD, macOS AF_INET6
  while (read($fi, my $rh, 16) == 16) {
    my ($s, $f, $incl, $orig) = unpack("VVVV", $rh); read($fi, my $pkt, $incl) == $incl or die "short record\n";
    my $af = (ord($pkt) >> 4) == 6 ? $af6[$k++ % 3] : 2;                   # AF_INET is 2 on every BSD
    print $fo pack("VVVV", $s, $f, $incl + 4, $orig + 4) . pack($endian eq "be" ? "N" : "V", $af) . $pkt;
  }
} else { die "unknown command $cmd\n"; }
PERL

np() { perl "$WORK/np.pl" "$@"; }
nsx() {
  local ns="$1"
  shift
  ip netns exec "$PREFIX-$ns" "$@"
}

# Waits until FILE contains PATTERN (a background helper's "ready", tcpdump's "listening on").
wait_for() {
  local file="$1" pattern="$2" i
  for i in $(seq 1 100); do
    if grep -q "$pattern" "$file" 2>/dev/null; then return 0; fi
    sleep 0.05
  done
  log "timed out waiting for '$pattern' in $file"
  cat "$file" >&2 || true
  return 1
}

# Starts a background command whose stdout/stderr go to LOGFILE and records its pid for cleanup. COMMAND must be a
# program, not a shell function, so that the recorded pid is the program's own and a signal reaches it.
spawn() {
  local logfile="$1"
  shift
  "$@" >"$logfile" 2>&1 &
  PIDS+=($!)
}

# Creates namespaces A and B joined by a veth pair (A's end is "e1", B's "e2") with IPv4 and IPv6 addresses.
# Router solicitations are turned off to keep the kernel's own chatter down (its MLD reports and DAD still show).
veth_pair() {
  local a="$1" b="$2" mtu="${3:-1500}" ns
  for ns in "$a" "$b"; do
    ip netns add "$PREFIX-$ns"
    nsx "$ns" sysctl -qw net.ipv6.conf.default.router_solicitations=0 net.ipv6.conf.all.router_solicitations=0
    ip -n "$PREFIX-$ns" link set lo up
  done
  ip link add e1 mtu "$mtu" netns "$PREFIX-$a" type veth peer name e2 mtu "$mtu" netns "$PREFIX-$b"
  ip -n "$PREFIX-$a" addr add 198.51.100.1/24 dev e1
  ip -n "$PREFIX-$b" addr add 198.51.100.2/24 dev e2
  if [ "$mtu" -ge 1280 ]; then # RFC 8200 §5: IPv6 needs a link MTU of at least 1280
    ip -n "$PREFIX-$a" addr add 2001:db8:1::1/64 dev e1 nodad
    ip -n "$PREFIX-$b" addr add 2001:db8:1::2/64 dev e2 nodad
  fi
  ip -n "$PREFIX-$a" link set e1 up
  ip -n "$PREFIX-$b" link set e2 up
}

# Pushes VLAN tags on egress and pops them on ingress of DEV in NS (tags: TPID:VID, outermost last).
vlan_tags() {
  local ns="$1" dev="$2" name="$3"
  shift 3
  [ -e "$BPFFS/push-$name" ] || np bpf-vlan "$BPFFS/push-$name" push "$@"
  [ -e "$BPFFS/pop-$#" ] || np bpf-vlan "$BPFFS/pop-$#" pop "$#"
  tc -n "$PREFIX-$ns" qdisc add dev "$dev" clsact
  tc -n "$PREFIX-$ns" filter add dev "$dev" egress bpf object-pinned "$BPFFS/push-$name" direct-action
  tc -n "$PREFIX-$ns" filter add dev "$dev" ingress bpf object-pinned "$BPFFS/pop-$#" direct-action
}

# UDP and TCP echo servers on every address of NS (IPv4 only when FAMILIES is "4").
servers() {
  local ns="$1" families="${2:-46}" f
  rm -f "$WORK/$ns"-[ut][46].log
  spawn "$WORK/$ns-u4.log" ip netns exec "$PREFIX-$ns" perl "$WORK/np.pl" udp-echo 0.0.0.0 40000 30
  spawn "$WORK/$ns-t4.log" ip netns exec "$PREFIX-$ns" perl "$WORK/np.pl" tcp-echo 0.0.0.0 40001 30
  if [ "$families" = 46 ]; then
    spawn "$WORK/$ns-u6.log" ip netns exec "$PREFIX-$ns" perl "$WORK/np.pl" udp-echo :: 40000 30
    spawn "$WORK/$ns-t6.log" ip netns exec "$PREFIX-$ns" perl "$WORK/np.pl" tcp-echo :: 40001 30
  fi
  for f in u4 t4 u6 t6; do
    if [ "$families" = 46 ] || [ "${f#?}" = 4 ]; then wait_for "$WORK/$ns-$f.log" ready; fi
  done
}

CAPTURE_PID=""
CAPTURE_FILE=""
# capture NS FILE TCPDUMP_ARGS...: starts tcpdump in NS writing OUT/FILE and waits until it listens.
capture() {
  local ns="$1" file="$2"
  shift 2
  CAPTURE_FILE="$file"
  rm -f "$OUT/$file"
  ip netns exec "$PREFIX-$ns" tcpdump -n -U --immediate-mode -Z root "$@" -w "$OUT/$file" >"$WORK/$file.log" 2>&1 &
  CAPTURE_PID=$!
  PIDS+=("$CAPTURE_PID")
  wait_for "$WORK/$file.log" "listening on"
}
stop_capture() {
  sleep 0.5 # --immediate-mode hands each packet over at once; this only lets the last replies arrive
  kill -INT "$CAPTURE_PID"
  wait "$CAPTURE_PID" || true
  log "$CAPTURE_FILE: $(grep -h "packets captured" "$WORK/$CAPTURE_FILE.log")"
}
# Stops every helper started so far, then deletes the namespaces.
drop_ns() {
  local ns pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  PIDS=()
  for ns in "$@"; do ip netns del "$PREFIX-$ns"; done
}

# One UDP exchange and one TCP connection over IPv4, then the same over IPv6, from NS to V4/V6.
basic_traffic() {
  local ns="$1" v4="$2" v6="$3" size="${4:-32}"
  nsx "$ns" perl "$WORK/np.pl" udp-send "$v4" 40000 "$size"
  nsx "$ns" perl "$WORK/np.pl" tcp-send "$v4" 40001 "$size"
  nsx "$ns" perl "$WORK/np.pl" udp-send "$v6" 40000 "$size"
  nsx "$ns" perl "$WORK/np.pl" tcp-send "$v6" 40001 "$size"
}

# ---------------------------------------------------------------------------------------------------------------------
log "ethernet.pcap: Ethernet II on a veth, UDP/TCP over IPv4 and IPv6, ARP, NDP, ICMP errors"
veth_pair a b
servers b
capture b ethernet.pcap -i e2
basic_traffic a 198.51.100.2 2001:db8:1::2
nsx a perl "$WORK/np.pl" udp-send 198.51.100.2 40009 8 noreply # closed port: ICMP port unreachable
nsx a perl "$WORK/np.pl" udp-send 2001:db8:1::2 40009 8 noreply
stop_capture
drop_ns a b

log "ethernet-snaplen80.pcap: the same kind of traffic captured with a snapshot length of 80 bytes"
veth_pair a b
servers b
capture b ethernet-snaplen80.pcap -i e2 -s 80
basic_traffic a 198.51.100.2 2001:db8:1::2 200
stop_capture
drop_ns a b

log "vlan-8021q.pcap: 802.1Q VLAN 10 on a veth, tag reinserted by libpcap"
veth_pair a b
vlan_tags a e1 q10 0x8100:10
vlan_tags b e2 q10 0x8100:10
servers b
capture b vlan-8021q.pcap -i e2
basic_traffic a 198.51.100.2 2001:db8:1::2
stop_capture
drop_ns a b

log "vlan-qinq.pcap: 802.1ad S-tag 100 over 802.1Q C-tag 20 (a -> b), stacked 802.1Q 30 over 20 (b -> a)"
veth_pair a b
vlan_tags a e1 ad100q20 0x8100:20 0x88a8:100
vlan_tags b e2 q30q20 0x8100:20 0x8100:30
servers b
capture b vlan-qinq.pcap -i e2
nsx a perl "$WORK/np.pl" udp-send 198.51.100.2 40000 32
nsx a perl "$WORK/np.pl" tcp-send 198.51.100.2 40001 32
nsx a perl "$WORK/np.pl" udp-send 2001:db8:1::2 40000 32
stop_capture
drop_ns a b

for v in 1 2; do
  case "$v" in
    1) file=sll.pcap dlt=LINUX_SLL precision=micro ;;
    *) file=sll2.pcap dlt=LINUX_SLL2 precision=nano ;;
  esac
  log "$file: tcpdump -i any -y $dlt ($precision timestamps): VLAN 10 veth traffic and loopback traffic"
  veth_pair a b
  vlan_tags a e1 q10 0x8100:10
  vlan_tags b e2 q10 0x8100:10
  servers b
  capture b "$file" -i any -y "$dlt" --time-stamp-precision="$precision"
  nsx a perl "$WORK/np.pl" udp-send 198.51.100.2 40000 32
  nsx a perl "$WORK/np.pl" tcp-send 2001:db8:1::2 40001 32
  nsx b perl "$WORK/np.pl" udp-send 127.0.0.1 40000 32
  nsx b perl "$WORK/np.pl" udp-send ::1 40000 32
  stop_capture
  drop_ns a b
done

log "raw-ip.pcap: two tun devices (LINKTYPE_RAW) bridged by a user-space loop"
ip netns add "$PREFIX-a"
ip netns add "$PREFIX-b"
ip netns add "$PREFIX-w"
spawn "$WORK/tun.log" ip netns exec "$PREFIX-w" perl "$WORK/np.pl" tun-bridge tA tB 30
wait_for "$WORK/tun.log" ready
ip -n "$PREFIX-w" link set tA netns "$PREFIX-a"
ip -n "$PREFIX-w" link set tB netns "$PREFIX-b"
ip -n "$PREFIX-a" addr add 192.0.2.1 peer 192.0.2.2 dev tA
ip -n "$PREFIX-b" addr add 192.0.2.2 peer 192.0.2.1 dev tB
ip -n "$PREFIX-a" addr add 2001:db8:2::1/64 dev tA nodad
ip -n "$PREFIX-b" addr add 2001:db8:2::2/64 dev tB nodad
ip -n "$PREFIX-a" link set tA up
ip -n "$PREFIX-b" link set tB up
servers b
capture b raw-ip.pcap -i tB
basic_traffic a 192.0.2.2 2001:db8:2::2
nsx a perl "$WORK/np.pl" udp-send 192.0.2.2 40009 8 noreply
stop_capture
drop_ns a b w

log "null.pcap / loop.pcap: raw-ip.pcap with its packets behind a BSD loopback header (rewritten, see README)"
np relink "$OUT/raw-ip.pcap" "$OUT/null.pcap" 0 le
np relink "$OUT/raw-ip.pcap" "$OUT/loop.pcap" 108 be

log "ipv6-ext.pcap: MLD (hop-by-hop), fragments, destination options, SRv6 routing header, AH, ESP, no next header"
veth_pair a b 1280
servers b
# Packets for 2001:db8:1::99 reach b's MAC but b does not forward, so they are dropped there without an ICMP error.
ip -n "$PREFIX-a" -6 neigh add 2001:db8:1::99 lladdr "$(nsx b cat /sys/class/net/e2/address)" dev e1
capture b ipv6-ext.pcap -i e2
ip -n "$PREFIX-a" -6 addr add ff15::1:2/128 dev e1 autojoin
nsx a perl "$WORK/np.pl" udp-send 2001:db8:1::2 40000 3000
nsx a perl "$WORK/np.pl" udp-send 2001:db8:1::2 40000 64 hopopts dstopts
nsx a perl "$WORK/np.pl" udp-send 2001:db8:1::2 40000 2000 hopopts dstopts
ip -n "$PREFIX-a" -6 route add 2001:db8:9::/64 encap seg6 mode inline segs 2001:db8:1::2 dev e1
nsx a perl "$WORK/np.pl" udp-send 2001:db8:9::1 40000 32 noreply
# RFC 4302 §2 AH (next header UDP, length 4 = 24 bytes, SPI 0x100, sequence 1, 12-byte ICV) over an 8+8-byte UDP datagram.
nsx a perl "$WORK/np.pl" raw6-send 2001:db8:1::99 51 \
  "110400000000010000000001111111111111111111111111""9c419c40001000006e65747069782121" # AH | UDP 40001 -> 40000
# RFC 4303 §2 ESP: SPI 0x200, sequence 1, then opaque ciphertext.
nsx a perl "$WORK/np.pl" raw6-send 2001:db8:1::99 50 "0000020000000001a1b2c3d4e5f60718293a4b5c6d7e8f90"
# RFC 8200 §4.7 No Next Header.
nsx a perl "$WORK/np.pl" raw6-send 2001:db8:1::99 59 "6e6f206e657874"
stop_capture
drop_ns a b

log "ipv4-frag.pcap: IGMP (router alert option), fragments, Record Route option, both together"
veth_pair a b 576
servers b 4
capture b ipv4-frag.pcap -i e2
ip -n "$PREFIX-a" addr add 239.1.2.3/32 dev e1 autojoin
nsx a perl "$WORK/np.pl" udp-send 198.51.100.2 40000 1400
nsx a perl "$WORK/np.pl" udp-send 198.51.100.2 40000 64 ipopts
nsx a perl "$WORK/np.pl" udp-send 198.51.100.2 40000 1000 ipopts
stop_capture
drop_ns a b

ls -l "$OUT"/*.pcap >&2
log "total $(du -ch "$OUT"/*.pcap | tail -1 | cut -f1)"
