// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // undici keeps sockets, timers and native-ish internals: load it with Node's own require
  // instead of bundling a second copy into every server chunk.
  serverExternalPackages: ['undici'],
  experimental: {
    // requireRole answers a signed-in person whose role is too low with forbidden(): a real 403
    // and app/forbidden.tsx, instead of a redirect to a page that would answer 200.
    authInterrupts: true,
    serverActions: {
      // Next's default is 1 MB. The largest legitimate action body is a bulk disconnect of 1000
      // CallIds of the longest kind (about 1.4 MB, the API allows 1.5 MiB): anything above 2 MB
      // is refused before it is parsed, so an oversized post cannot make the server hold it.
      bodySizeLimit: '2mb',
    },
  },
  typescript: {
    // Type checking is its own step (`npm run typecheck`, a stage of `npm test` and CI), over the
    // whole repository. The build only compiles, so a type error in a test file cannot stop
    // `npm start` from serving the console.
    ignoreBuildErrors: true,
  },
};

module.exports = nextConfig;
