import type { Activity, City, Cluster, EntityType, Qualification, RdCenter } from './profile-enums';

/** CONTRACT §1. Every field is optional: absent means unknown, never zero. */
export interface EnterpriseProfile {
  creditCode?: string;
  name?: string;
  city?: City;
  fiscalYear?: number;
  entityType?: EntityType;
  clusters?: Cluster[];
  employees?: number;
  revenue?: number;
  rdExpense?: number;
  exportValue?: number;
  qualifications?: Qualification[];
  listed?: boolean;
  inventionPatents?: number;
  domesticInstrumentPurchases?: number;
  firstSetEquipment?: boolean;
  rdCenters?: RdCenter[];
  activities?: Activity[];
  parkId?: string;
}
