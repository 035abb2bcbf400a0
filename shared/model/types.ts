/** TypeScript types of the model, inferred from the one runtime schema. */
import type { z } from 'zod';
import type {
  Api,
  Column,
  ContextSchema,
  DecisionSchema,
  Endpoint,
  Index,
  LinkSchema,
  Message,
  ModelSchema,
  NodeSchema,
  NoteSchema,
  Position,
  Rpc,
  SuppressionSchema,
  Table,
  ViewSchema,
} from './schema';

export type Model = z.infer<typeof ModelSchema>;
export type ModelNode = z.infer<typeof NodeSchema>;
export type Link = z.infer<typeof LinkSchema>;
export type Context = z.infer<typeof ContextSchema>;
export type Decision = z.infer<typeof DecisionSchema>;
export type Suppression = z.infer<typeof SuppressionSchema>;
export type Note = z.infer<typeof NoteSchema>;
export type View = z.infer<typeof ViewSchema>;
export type LayoutPosition = z.infer<typeof Position>;
export type ApiSpec = z.infer<typeof Api>;
export type EndpointSpec = z.infer<typeof Endpoint>;
export type RpcSpec = z.infer<typeof Rpc>;
export type TableSpec = z.infer<typeof Table>;
export type ColumnSpec = z.infer<typeof Column>;
export type IndexSpec = z.infer<typeof Index>;
export type MessageSpec = z.infer<typeof Message>;
export type NodeOfKind<K extends ModelNode['kind']> = Extract<ModelNode, { kind: K }>;

/** A link with its id resolved (`from->to`, then `from->to#2`, ...). */
export type ResolvedLink = Link & { id: string; index: number };
