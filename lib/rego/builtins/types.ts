/** Type builtins: is_<type> and type_name. */
import { TypeName, typeName } from '../value';
import { T, defineBuiltin } from './registry';

const TYPES: TypeName[] = ['array', 'boolean', 'null', 'number', 'object', 'set', 'string'];

for (const t of TYPES) defineBuiltin({ name: `is_${t}`, args: [T.any], fn: ([v]) => typeName(v) === t });

defineBuiltin({ name: 'type_name', args: [T.any], fn: ([v]) => typeName(v) });
