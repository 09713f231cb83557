/**
 * Loads every builtin category for its `defineBuiltin` side effects.
 * Add a category here when adding a file under builtins/.
 */
import './aggregates';
import './arrays';
import './casts';
import './cidr-merge';
import './crypto-digests';
import './crypto-x509';
import './encoding';
import './glob';
import './graph';
import './json';
import './json-schema';
import './membership';
import './net';
import './network';
import './numbers';
import './objects';
import './rand';
import './regex';
import './rego-metadata';
import './rego-parse-module';
import './runtime';
import './semver';
import './sets';
import './sprintf';
import './template';
import './strings';
import './time';
import './tokens';
import './tokens-decode-verify';
import './trace';
import './types';
import './units';
import './uuid';
import './yaml';

export { BuiltinContext, BuiltinError, BuiltinHaltError, BuiltinSpec, BuiltinTypeError, builtinNames, checkOperands, getBuiltin } from './registry';
