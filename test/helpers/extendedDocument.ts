import { z } from 'zod';
import { OrganizationFileSchema, type OrganizationFile } from '../../src/store/schema.js';

/**
 * The organization document with two parts a later release might add, for the tests that show the
 * store carries parts it was not written for: a collection of records with ids (`vendors`,
 * journaled record by record) and a part that is not a collection (`settings`, journaled whole).
 * A file written before these parts existed still reads: vendors default to none.
 */
export const VendorSchema = z
  .object({ id: z.string().min(1).max(64), name: z.string().min(1).max(200), version: z.number().int().nonnegative() })
  .strict();
export type Vendor = z.infer<typeof VendorSchema>;

export const SettingsSchema = z.object({ counter: z.number().int().nonnegative() }).strict();
export type Settings = z.infer<typeof SettingsSchema>;

export const ExtendedDocumentSchema = OrganizationFileSchema.innerType().extend({
  vendors: z.array(VendorSchema).default([]),
  settings: SettingsSchema.optional(),
});

export type ExtendedDocument = OrganizationFile & { vendors: Vendor[]; settings?: Settings };

export function extended(document: OrganizationFile): ExtendedDocument {
  return document as ExtendedDocument;
}
