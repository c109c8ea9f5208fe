// kubeadm's --image-repository: `registry[:port][/path...]`, lowercase, no scheme (distribution's
// reference grammar, https://github.com/distribution/reference/blob/main/reference.go: a domain of
// DNS labels or an IPv4 address with an optional port, then path components). Standalone, so the
// cluster plan's validation can use it without importing the script generators.
const LABEL = '[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?';
const DOMAIN = `${LABEL}(?:\\.${LABEL})*`;
const PORT = '(?::\\d{1,5})?';
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const IMAGE_REPOSITORY = new RegExp(`^${DOMAIN}${PORT}(?:/${COMPONENT})*$`);

/** Where kubeadm pulls control-plane and pause images from unless told otherwise. */
export const DEFAULT_IMAGE_REPOSITORY = 'registry.k8s.io';
/** kubeadm's default and a mirror of it many users in China configure (kubeadm --image-repository). */
export const SUGGESTED_IMAGE_REPOSITORIES = [DEFAULT_IMAGE_REPOSITORY, 'registry.aliyuncs.com/google_containers'] as const;

export function isImageRepository(text: string): boolean {
  return text.length <= 255 && IMAGE_REPOSITORY.test(text);
}
