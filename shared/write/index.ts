export { writeModel, FLOW_WIDTH, type WriteOptions } from './write';
export { updateModelText, deepEqual } from './update';
export { patchModelText } from './patch';
export { formatModelText, FormatError } from './format';
export { ROOT_ORDER, NODE_ORDER, LINK_ORDER } from './order';
