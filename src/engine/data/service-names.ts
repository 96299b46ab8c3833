// The codes data's service names in matching order (data/service-name-order.ts). Run from source
// (tests, the extension) they are ordered here; the node bundles take, in place of this module, one
// that hands out the order the build worked out for the data they ship (build.mjs `prebuiltModules`).
import { orderServiceNames, type ServiceNameSource, type ServiceNameTables } from './service-name-order';

export function serviceNameTables(data: ServiceNameSource): ServiceNameTables {
  return orderServiceNames(data);
}
