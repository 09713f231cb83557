// cdk8s loads validation plugins with a plain require(), without a TypeScript loader:
// register tsx for the plugin's sources, then hand over to them.
require('tsx/cjs/api').register();
module.exports = require('./gate-validation.ts');
