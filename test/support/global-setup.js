// Jest run directly (`npx jest test/browser/…`) still gets the browser bundle of the engine's profile module
// that the web form imports; `npm test` has built it already, so this is a no-op then.
module.exports = () => require('../../scripts/build-web.js').buildWebBundles({ quiet: true });
