// The engine functions the cluster plan uses for addresses and durations (Go net.ParseIP and
// time.ParseDuration semantics), re-exported in one place so the plan code has one import to read.
export { parseIp, formatIp, toIpv4, parseGoDuration, formatGoDuration } from '../pki';
