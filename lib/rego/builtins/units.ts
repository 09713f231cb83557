/** units builtins: written by the builtins engineer (see registry.ts for the contract). */
export {};
