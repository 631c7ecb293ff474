// Where this node's page lives. Behind a reverse proxy the node may be published under a path (https://gov.example/civil/),
// so the server writes the page's base path into <meta name="ethgov-base">; every request and link of the page is made
// under it, never at the host's root.

function readBase() {
  const content = document.querySelector('meta[name="ethgov-base"]')?.getAttribute('content') ?? '/';
  // Only a path on this origin: never another host (//elsewhere) or a scheme.
  if (!content.startsWith('/') || content.startsWith('//')) {
    return '/';
  }
  return content.endsWith('/') ? content : `${content}/`;
}

export const basePath = readBase();

/** `path`, written from the node's root (/api/v1/...), under the page's base; a path the server gave under it stays. */
export function under(path) {
  if (basePath !== '/' && path.startsWith(basePath)) {
    return path;
  }
  return basePath + path.replace(/^\/+/, '');
}

/** The page's address below its base (/department for /civil/department). */
export function pagePath() {
  const path = window.location.pathname;
  return basePath !== '/' && path.startsWith(basePath) ? `/${path.slice(basePath.length)}` : path;
}
