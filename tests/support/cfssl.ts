// Runs Debian's real `cfssl`/`cfssljson` and our `kubeprep` the same way, in throw-away directories,
// so interop tests can issue "the same" certificate with both and compare the files cfssljson wrote.
import { spawn } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = join(REPO_ROOT, 'tests/fixtures/interop');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  /** true when the process was killed because it ran past its time limit. */
  timedOut: boolean;
}

export interface RunOptions {
  cwd?: string;
  input?: string;
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

/** Spawns a command without a shell, feeds stdin, collects output; never hangs past timeoutMs. */
export function run(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 60_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code: code ?? (signal ? 128 : 1), stdout, stderr, timedOut });
    });
    child.stdin.on('error', () => undefined); // the child may exit without reading stdin
    child.stdin.end(options.input ?? '');
  });
}

// ---------------------------------------------------------------------------------------------
// cfssl version and the features that depend on it (docs/cfssl-compatibility.md, "What differs between
// cfssl versions", from cfssl's CHANGELOG)

export interface CfsslFeatures {
  version: string;
  /** URI SANs exist since 1.3.3; before that spiffe://… became a DNS SAN. */
  uriSans: boolean;
  /** The KU nonRepudiation usage string this cfssl understands. */
  contentCommitment: 'content commitment' | 'content committment';
  /** names[].E and names[].OID since 1.6.0. */
  nameEmailAndOid: boolean;
  ed25519: boolean;
  /** ca.backdate honoured since 1.3.0. */
  caBackdate: boolean;
}

function atLeast(version: number[], wanted: number[]): boolean {
  for (let i = 0; i < wanted.length; i++) {
    const have = version[i] ?? 0;
    if (have !== wanted[i]) return have > wanted[i]!;
  }
  return true;
}

export function featuresFor(version: string): CfsslFeatures {
  const parts = version.split('.').map((p) => Number.parseInt(p, 10) || 0);
  return {
    version,
    uriSans: atLeast(parts, [1, 3, 3]),
    contentCommitment: atLeast(parts, [1, 3, 2]) ? 'content commitment' : 'content committment',
    nameEmailAndOid: atLeast(parts, [1, 6, 0]),
    ed25519: atLeast(parts, [1, 6, 5]),
    caBackdate: atLeast(parts, [1, 3, 0]),
  };
}

let cachedFeatures: Promise<CfsslFeatures> | undefined;

/**
 * The semantic version in `cfssl version` output: "Version: 1.2.0" (Debian 12, hard-coded in that
 * release) or "Version: 1.6.5" / "Version: v1.6.5" (newer releases take it from -ldflags at build time).
 * null when the build did not set it ("Version: dev").
 */
export function versionFromOutput(stdout: string): string | null {
  return /^Version:\s*v?(\d+\.\d+\.\d+)/mu.exec(stdout)?.[1] ?? null;
}

/** For a build that says "Version: dev": only 1.6.5+ issues an Ed25519 CA, so ask cfssl to make one. */
async function probeVersion(): Promise<string | null> {
  const dir = await mkdtemp(join(tmpdir(), 'kubeprep-cfssl-probe-'));
  try {
    const csr = join(dir, 'probe-csr.json');
    await writeFile(csr, JSON.stringify({ CN: 'probe', key: { algo: 'ed25519' } }));
    const result = await run('cfssl', ['gencert', '-initca', csr]);
    return result.code === 0 ? '1.6.5' : null;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function cfsslFeatures(): Promise<CfsslFeatures> {
  cachedFeatures ??= run('cfssl', ['version']).then(async (r) => {
    if (r.code !== 0) throw new Error(`cfssl version failed: ${r.stdout}${r.stderr}`);
    const version = versionFromOutput(r.stdout) ?? (await probeVersion());
    if (!version) throw new Error(`cannot tell which cfssl this is (not 1.6.5+, and no version printed): ${r.stdout}`);
    return featuresFor(version);
  });
  return cachedFeatures;
}

// ---------------------------------------------------------------------------------------------
// Producers: the tool whose JSON output goes through cfssljson

export type Producer = 'cfssl' | 'kubeprep';

/**
 * How `kubeprep` is started. Default: the repository's bin (what `npx kubeprep` runs), which loads
 * dist-cli/ built by `npm run build:cli`. KUBEPREP_CLI=/path/to/kubeprep.mjs runs a private bundle.
 * KUBEPREP_INTEROP_PRODUCER=cfssl swaps kubeprep for cfssl, to check the harness itself.
 */
function commandFor(producer: Producer): [string, string[]] {
  if (producer === 'cfssl' || process.env.KUBEPREP_INTEROP_PRODUCER === 'cfssl') return ['cfssl', []];
  const bundle = process.env.KUBEPREP_CLI;
  if (bundle) {
    const launcher =
      'import(require("node:url").pathToFileURL(process.argv[1]).href).then(async (m) => { process.exitCode = await m.main(process.argv.slice(2)); })';
    return [process.execPath, ['-e', launcher, resolve(bundle)]];
  }
  return [process.execPath, [join(REPO_ROOT, 'bin/kubeprep.mjs')]];
}

export function producerLabel(producer: Producer): string {
  return producer === 'kubeprep' && process.env.KUBEPREP_INTEROP_PRODUCER === 'cfssl' ? 'cfssl(as kubeprep)' : producer;
}

export function produce(producer: Producer, args: string[], options: RunOptions = {}): Promise<RunResult> {
  const [command, prefix] = commandFor(producer);
  return run(command, [...prefix, ...args], { timeoutMs: 90_000, ...options });
}

export interface BareFiles {
  cert: string;
  key: string;
  csr: string;
}

export interface PipelineResult {
  producer: RunResult;
  cfssljson: RunResult;
  /** Absolute paths cfssljson -bare NAME writes: NAME.pem, NAME-key.pem, NAME.csr */
  files: BareFiles;
}

/** `<producer> ARGS | cfssljson -bare NAME`, in `cwd`. */
export async function produceBare(producer: Producer, args: string[], cwd: string, name: string): Promise<PipelineResult> {
  const produced = await produce(producer, args, { cwd });
  const bare = await run('cfssljson', ['-bare', name], { cwd, input: produced.stdout, timeoutMs: 20_000 });
  return {
    producer: produced,
    cfssljson: bare,
    files: { cert: join(cwd, `${name}.pem`), key: join(cwd, `${name}-key.pem`), csr: join(cwd, `${name}.csr`) },
  };
}

/** Like produceBare, but throws with both tools' stderr when anything failed. */
export async function issue(producer: Producer, args: string[], cwd: string, name: string): Promise<BareFiles> {
  const result = await produceBare(producer, args, cwd, name);
  if (result.producer.code !== 0 || result.cfssljson.code !== 0) {
    throw new Error(
      `${producerLabel(producer)} ${args.join(' ')} | cfssljson -bare ${name} failed in ${cwd}:\n` +
        `producer exit ${result.producer.code}${result.producer.timedOut ? ' (timed out)' : ''}: ${result.producer.stderr.trim()}\n` +
        `cfssljson exit ${result.cfssljson.code}: ${result.cfssljson.stderr.trim()}`,
    );
  }
  return result.files;
}

// ---------------------------------------------------------------------------------------------
// Workspaces

export class Workspace {
  private constructor(readonly dir: string) {}

  static async create(prefix: string): Promise<Workspace> {
    return new Workspace(await mkdtemp(join(tmpdir(), `kubeprep-${prefix}-`)));
  }

  path(name: string): string {
    return join(this.dir, name);
  }

  async write(name: string, text: string): Promise<string> {
    await writeFile(this.path(name), text);
    return this.path(name);
  }

  async read(name: string): Promise<string> {
    return readFile(this.path(name), 'utf8');
  }

  /** Copies tests/fixtures/interop/<relative> into the workspace (as its base name, or `as`). */
  async fixture(relative: string, as?: string): Promise<string> {
    const target = this.path(as ?? relative.split('/').pop()!);
    await copyFile(join(FIXTURES, relative), target);
    return target;
  }

  async remove(): Promise<void> {
    if (process.env.KUBEPREP_KEEP_TMP) return;
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** One workspace per producer, so both tools see identical file names and command lines. */
export async function workspacesFor(prefix: string): Promise<Record<Producer, Workspace>> {
  const [kubeprep, cfssl] = await Promise.all([Workspace.create(`${prefix}-kubeprep`), Workspace.create(`${prefix}-cfssl`)]);
  return { kubeprep, cfssl };
}
