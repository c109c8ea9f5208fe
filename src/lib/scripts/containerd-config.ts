// The containerd config.toml the runtime stage writes: the CRI plugin on, runc with the systemd cgroup
// driver (the kubelet's default under kubeadm), and the sandbox (pause) image from the chosen image
// repository, so kubeadm's preflight sees the pause image it expects. containerd 1.x reads config
// version 2; containerd 2.x reads version 3 and converts version 2, but writes and documents 3
// (https://github.com/containerd/containerd/blob/main/docs/cri/config.md "Config versions",
// "Cgroup Driver"). The whole file is replaced: packages such as containerd.io ship one with
// `disabled_plugins = ["cri"]`, which would leave kubeadm without a runtime.

export type ContainerdConfigVersion = 2 | 3;

/** The config version a containerd major version reads natively. */
export function configVersionFor(containerdMajor: number): ContainerdConfigVersion {
  return containerdMajor >= 2 ? 3 : 2;
}

/** config.toml text; `sandboxImage` may be a shell expansion such as `${SANDBOX_IMAGE}` (written by an unquoted heredoc). */
export function containerdConfig(version: ContainerdConfigVersion, sandboxImage: string, header: string): string {
  const comment = header.split('\n').map((line) => `# ${line}`);
  if (version === 2) {
    const cri = 'plugins."io.containerd.grpc.v1.cri"';
    return [
      ...comment,
      'version = 2',
      '',
      `[${cri}]`,
      `  sandbox_image = "${sandboxImage}"`,
      '',
      `[${cri}.containerd]`,
      '  default_runtime_name = "runc"',
      '',
      `[${cri}.containerd.runtimes.runc]`,
      '  runtime_type = "io.containerd.runc.v2"',
      '',
      `[${cri}.containerd.runtimes.runc.options]`,
      '  SystemdCgroup = true',
      '',
    ].join('\n');
  }
  const runtime = "plugins.'io.containerd.cri.v1.runtime'";
  return [
    ...comment,
    'version = 3',
    '',
    "[plugins.'io.containerd.cri.v1.images'.pinned_images]",
    `  sandbox = "${sandboxImage}"`,
    '',
    `[${runtime}.containerd]`,
    "  default_runtime_name = 'runc'",
    '',
    `[${runtime}.containerd.runtimes.runc]`,
    "  runtime_type = 'io.containerd.runc.v2'",
    '',
    `[${runtime}.containerd.runtimes.runc.options]`,
    '  SystemdCgroup = true',
    '',
  ].join('\n');
}

/** /etc/crictl.yaml: crictl talks to containerd, not to the sockets it would probe in turn. */
export function crictlConfig(socket: string): string {
  return [`runtime-endpoint: ${socket}`, `image-endpoint: ${socket}`, 'timeout: 10', ''].join('\n');
}
