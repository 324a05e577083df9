// Compiled with tsc --noEmit from the test project: the package's types, by their names.
import type { V2_0, V3_1, V3_2, AccountDetailsByVersion, ApiVersion } from "metaaccess-account-schemas";
import { schema, versions } from "metaaccess-account-schemas";
import { validator } from "metaaccess-account-schemas/ajv";

const request: V3_2.AccountDetailsRequest = {}; // score_type is optional (it has a default)
const scored: V3_2.AccountDetailsRequest = { score_type: "cvss3_score" };
const bucket: V3_1.DevicesByStatus = { status: "compliant", number_of_devices: 3 };
const legacy: Pick<V2_0.AccountDetails, "devices_used"> = { devices_used: 1 };
const v: ApiVersion = versions[0];
const s: { [k: string]: unknown } = schema(v);
const validate = validator<V3_2.AccountDetails>("3.2");
const input: unknown = {};
if (validate(input)) {
  const used: number = input.devices_used;
  const byVersion: AccountDetailsByVersion["3.2"] = input;
  void used; void byVersion;
}
// @ts-expect-error: an undocumented status is not a DeviceStatus
const wrong: V3_1.DeviceStatus = "quarantined";
void request; void scored; void bucket; void legacy; void s; void wrong;
