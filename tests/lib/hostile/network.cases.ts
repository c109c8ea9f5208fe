// Hostile hosts, IP addresses and CIDRs: SANs of every certificate and the cluster plan's networks.
import { hostile } from './case';

export const NETWORK_CASES = [
  // hosts -> SANs, in cfssl's order: IP, email, URI, else DNS
  hostile('host', 'an IPv4 address', '10.0.0.1', 'ip 10.0.0.1'),
  hostile('host', 'IPv4 with a leading zero (Go refuses since 1.17)', '010.0.0.1', 'dns 010.0.0.1'),
  hostile('host', 'IPv4 with 5 parts', '1.2.3.4.5', 'dns 1.2.3.4.5'),
  hostile('host', 'IPv4 octet 256', '10.0.0.256', 'dns 10.0.0.256'),
  hostile('host', 'IPv6 with a zone', 'fe80::1%eth0', 'uri fe80::1%eth0'),
  hostile('host', 'IPv6 in brackets', '[::1]', 'dns [::1]'),
  hostile('host', 'IPv4-mapped IPv6', '::ffff:10.0.0.1', 'ip ::ffff:10.0.0.1'),
  hostile('host', 'an email', 'ops@example.com', 'email ops@example.com'),
  hostile('host', 'an email with a display name', 'Ops <ops@example.com>', 'email ops@example.com'),
  hostile('host', 'a URI', 'spiffe://cluster.local/ns/default/sa/x', 'uri spiffe://cluster.local/ns/default/sa/x'),
  hostile('host', 'a relative URL (not a request URI)', 'example.com/path', 'dns example.com/path'),
  hostile('host', 'a wildcard', '*.example.com', 'dns *.example.com'),
  hostile('host', 'a trailing dot', 'example.com.', 'dns example.com.'),
  hostile('host', 'an IP with a port', '10.0.0.1:6443', 'dns 10.0.0.1:6443'),
  hostile('host', 'javascript: URI', 'javascript:alert(1)', 'uri javascript:alert(1)'),
  hostile('host', 'HTML in a host', '<img src=x onerror=alert(1)>', 'dns <img src=x onerror=alert(1)>'),
  // IP addresses
  hostile('ip', 'empty', '', 'not an ip'),
  hostile('ip', 'IPv4 with a trailing dot', '10.0.0.1.', 'not an ip'),
  hostile('ip', 'IPv4 in hex', '0x0a000001', 'not an ip'),
  hostile('ip', 'IPv4 as one number', '167772161', 'not an ip'),
  hostile('ip', 'IPv6 with two ::', '1::2::3', 'not an ip'),
  hostile('ip', 'IPv6 with 9 groups', '1:2:3:4:5:6:7:8:9', 'not an ip'),
  hostile('ip', 'IPv6 group of 5 digits', '12345::1', 'not an ip'),
  hostile('ip', 'IPv6 all zeros', '::', 'ip ::'),
  hostile('ip', 'IPv6 with embedded IPv4', '64:ff9b::192.0.2.33', 'ip 64:ff9b::c000:221'),
  hostile('ip', 'full-width digits', '１０.0.0.1', 'not an ip'),
  hostile('ip', 'a space before', ' 10.0.0.1', 'not an ip'),
  // CIDRs
  hostile('cidr', 'no prefix', '10.96.0.0', 'cidr syntax'),
  hostile('cidr', 'prefix 33', '10.96.0.0/33', 'cidr prefix'),
  hostile('cidr', 'prefix -1', '10.96.0.0/-1', 'cidr prefix'),
  hostile('cidr', 'host bits set', '10.96.0.1/12', 'cidr host-bits'),
  hostile('cidr', 'IPv6 prefix 129', 'fd00::/129', 'cidr prefix'),
  hostile('cidr', 'a leading zero in the prefix', '10.96.0.0/012', 'cidr prefix'),
  hostile('cidr', 'two slashes', '10.96.0.0/12/12', 'cidr syntax'),
  hostile('cidr', 'an IPv6 CIDR', 'fd00:10:96::/112', 'cidr ok'),
];
