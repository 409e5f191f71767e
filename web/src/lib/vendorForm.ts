import type { CreateVendorInput, UpdateVendorInput, VendorView } from '@contracts/vendors/schema.js';

export interface VendorFormValues {
  name: string;
  website: string;
  products: string[];
  aiFeatures: string[];
  headquartersCountry: string;
  dataProcessingRegions: string[];
  contactName: string;
  contactEmail: string;
  notes: string;
}

export const vendorFormFields = [
  'name',
  'website',
  'products',
  'aiFeatures',
  'headquartersCountry',
  'dataProcessingRegions',
  'contactName',
  'contactEmail',
  'notes',
] as const satisfies readonly (keyof VendorFormValues)[];

export function emptyVendorValues(): VendorFormValues {
  return {
    name: '',
    website: '',
    products: [],
    aiFeatures: [],
    headquartersCountry: '',
    dataProcessingRegions: [],
    contactName: '',
    contactEmail: '',
    notes: '',
  };
}

export function vendorValuesFromView(v: VendorView): VendorFormValues {
  return {
    name: v.name,
    website: v.website ?? '',
    products: v.products,
    aiFeatures: v.aiFeatures,
    headquartersCountry: v.headquartersCountry ?? '',
    dataProcessingRegions: v.dataProcessingRegions,
    contactName: v.contactName ?? '',
    contactEmail: v.contactEmail ?? '',
    notes: v.notes ?? '',
  };
}

export function vendorPayload(v: VendorFormValues): CreateVendorInput {
  return {
    name: v.name,
    website: v.website.trim() || null,
    products: v.products,
    aiFeatures: v.aiFeatures,
    headquartersCountry: v.headquartersCountry || null,
    dataProcessingRegions: v.dataProcessingRegions,
    contactName: v.contactName || null,
    contactEmail: v.contactEmail.trim() || null,
    notes: v.notes || null,
  };
}

/** Only the changed fields (vendors have no version check). */
export function vendorChanges(initial: VendorFormValues, current: VendorFormValues): UpdateVendorInput {
  const before = vendorPayload(initial) as Record<string, unknown>;
  const after = vendorPayload(current) as Record<string, unknown>;
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = after[key];
  }
  return changes as UpdateVendorInput;
}
