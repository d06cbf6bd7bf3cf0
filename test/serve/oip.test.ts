import { describe, expect, it } from "vitest";
import type { InputSchema, OnnxFeed } from "@/lib/onnx/inputs";
import { feedsFromInferRequest, inferRequestSchema, inferResponse, inferResponseSchema, modelMetadata, modelMetadataSchema } from "@/lib/serve/oip";
import { ServeRequestError, type ServeRequestErrorCode, parseJsonBody } from "@/lib/serve/serve-error";

/*
 * Shapes from the KServe Open Inference Protocol REST spec:
 * https://kserve.github.io/website/latest/modelserving/data_plane/v2_protocol/
 * ($inference_request, $inference_response, $metadata_model_response,
 * tensor data "flattened or nested, row-major"). Expected feeds are written
 * out by hand from each request.
 */

const SCHEMA: InputSchema[] = [
  { name: "Beak Length (mm)", kind: "numeric", type: "float", width: 1 },
  { name: "Island", kind: "categorical", type: "string", width: 1 },
  { name: "Adult", kind: "boolean", type: "float", width: 1 },
  { name: "Seen", kind: "date", type: "float", width: 3, parts: ["month", "dayofweek", "hour"] },
];
const LIMITS = { maxRows: 4 };

type Input = { name: string; shape: number[]; datatype: string; data: unknown[] };
const beak = (data: unknown[], shape = [data.length, 1], datatype = "FP32"): Input => ({ name: "Beak Length (mm)", shape, datatype, data });
const island = (data: unknown[], shape = [data.length, 1], datatype = "BYTES"): Input => ({ name: "Island", shape, datatype, data });
const adult = (data: unknown[], shape = [data.length, 1], datatype = "BOOL"): Input => ({ name: "Adult", shape, datatype, data });
const seen = (data: unknown[], shape = [2, 3], datatype = "FP32"): Input => ({ name: "Seen", shape, datatype, data });

/** Two rows; Seen holds 2024-02-29T23:30Z's (month 2, Thursday = 3, hour 23) and a missing date. */
const TWO_ROWS = [beak([39.1, null]), island(["Torgersen", null]), adult([true, null]), seen([2, 3, 23, null, null, null])];

const plain = (f: OnnxFeed) => ({ name: f.name, dims: f.dims, data: Array.from(f.data as ArrayLike<number | string>) });
const EXPECTED_TWO_ROWS = [
  { name: "Beak Length (mm)", dims: [2, 1], data: [Math.fround(39.1), NaN] },
  { name: "Island", dims: [2, 1], data: ["Torgersen", "<missing>"] },
  { name: "Adult", dims: [2, 1], data: [1, NaN] },
  { name: "Seen", dims: [2, 3], data: [2, 3, 23, NaN, NaN, NaN] },
];

const VALID: [string, Input[], typeof EXPECTED_TWO_ROWS][] = [
  ["flat data, shapes [N, width], nulls are missing", TWO_ROWS, EXPECTED_TWO_ROWS],
  ["[N] for width-1 inputs", [beak([39.1, null], [2]), island(["Torgersen", null], [2]), adult([true, null], [2]), TWO_ROWS[3]], EXPECTED_TWO_ROWS],
  ["nested row-major data", [beak([[39.1], [null]]), island([["Torgersen"], [null]]), adult([[true], [null]]), seen([[2, 3, 23], [null, null, null]])], EXPECTED_TWO_ROWS],
  ["numbers for a boolean input, integer and FP64 datatypes", [beak([39.1, null], [2, 1], "FP64"), TWO_ROWS[1], adult([1, null], [2, 1], "INT8"), seen([2, 3, 23, null, null, null], [2, 3], "INT32")], EXPECTED_TWO_ROWS],
];

describe("feedsFromInferRequest: valid requests", () => {
  for (const [title, inputs, expected] of VALID) {
    it(title, () => {
      const out = feedsFromInferRequest({ id: "r1", inputs }, SCHEMA, LIMITS);
      expect(out.rows).toBe(2);
      expect(out.id).toBe("r1");
      expect(out.wanted).toBeNull();
      expect(out.feeds.map(plain)).toEqual(expected);
      expect(out.feeds.map((f) => f.type)).toEqual(["float32", "string", "float32", "float32"]);
    });
  }

  it("feeds follow the schema's order whatever the request's order", () => {
    const out = feedsFromInferRequest({ inputs: [...TWO_ROWS].reverse() }, SCHEMA, LIMITS);
    expect(out.feeds.map((f) => f.name)).toEqual(SCHEMA.map((s) => s.name));
    expect(out.id).toBeUndefined();
  });

  it("lists the requested outputs once each; an empty list means all", () => {
    const outputs = [{ name: "probabilities" }, { name: "predicted_label" }, { name: "probabilities" }];
    expect(feedsFromInferRequest({ inputs: TWO_ROWS, outputs }, SCHEMA, LIMITS).wanted).toEqual(["probabilities", "predicted_label"]);
    expect(feedsFromInferRequest({ inputs: TWO_ROWS, outputs: [] }, SCHEMA, LIMITS).wanted).toBeNull();
  });
});

const swap = (i: number, input: Input) => TWO_ROWS.map((x, j) => (j === i ? input : x));

const ERRORS: [ServeRequestErrorCode, unknown, string][] = [
  ["invalid_request", { inputs: "none" }, "request.inputs: "],
  ["invalid_request", { inputs: [{ name: "Island", shape: [1], datatype: "BYTES" }] }, "request.inputs[0].data: "],
  ["unknown_input", { inputs: [...TWO_ROWS, { ...beak([1, 2]), name: "Beak Lenght (mm)" }] }, `input "Beak Lenght (mm)": not an input of this model`],
  ["missing_input", { inputs: TWO_ROWS.slice(1) }, `input missing from the request: "Beak Length (mm)"`],
  ["duplicate_input", { inputs: [...TWO_ROWS, island(["Dream", "Biscoe"])] }, `input "Island": given more than once`],
  ["bad_shape", { inputs: swap(3, seen([2, 3, 23], [1, 3])) }, `input "Seen": 1 rows, but input "Beak Length (mm)" has 2`],
  ["bad_shape", { inputs: swap(3, seen([2, 3, 23, 2, 3, 23], [6])) }, `input "Seen": shape [6], expected [N, 3]`],
  ["bad_shape", { inputs: swap(0, beak([39.1, 40], [2, 2])) }, `input "Beak Length (mm)": shape [2, 2], expected [N, 1] or [N]`],
  ["bad_shape", { inputs: swap(0, beak([39.1], [2, 1])) }, `input "Beak Length (mm)": 1 data elements, but shape [2, 1] holds 2`],
  ["bad_shape", { inputs: swap(3, seen([[2, 3], [4, 5, 6]])) }, `input "Seen": data[0] is 2 elements, expected an array of 3`],
  ["bad_shape", { inputs: TWO_ROWS.map((x) => ({ ...x, shape: [0, ...x.shape.slice(1)], data: [] })) }, `input "Beak Length (mm)": shape [0, 1] has no rows`],
  ["bad_datatype", { inputs: swap(1, island(["Torgersen", null], [2, 1], "FP32")) }, `input "Island": datatype "FP32", expected BYTES`],
  ["bad_datatype", { inputs: swap(0, beak([1, 0], [2, 1], "BOOL")) }, `input "Beak Length (mm)": datatype "BOOL", expected a number type`],
  ["bad_datatype", { inputs: swap(0, beak([1, 0], [2, 1], "FLOAT32")) }, `input "Beak Length (mm)": datatype "FLOAT32"`],
  ["bad_value", { inputs: swap(0, beak([39.1, "abc"])) }, `input "Beak Length (mm)": element 1 is "abc", expected a number or null`],
  ["bad_value", { inputs: swap(0, beak([39.1, "NaN"])) }, `element 1 is "NaN", expected a number or null; send null for a missing value`],
  ["bad_value", { inputs: swap(0, beak([true, 1])) }, `input "Beak Length (mm)": element 0 is true, expected a number or null`],
  ["bad_value", { inputs: swap(0, beak([39.5, 1], [2, 1], "INT32")) }, `input "Beak Length (mm)": element 0 is 39.5, not a valid INT32`],
  ["bad_value", { inputs: swap(1, island(["Torgersen", 3])) }, `input "Island": element 1 is 3, expected a string or null`],
  ["bad_value", { inputs: swap(2, adult([1, 0])) }, `input "Adult": element 0 is 1, expected true, false or null`],
  ["bad_value", { inputs: swap(2, adult([2, 0], [2, 1], "FP32")) }, `input "Adult": element 0 is 2, expected 1 (true), 0 (false) or null`],
  ["bad_value", { inputs: swap(3, seen([2, 3, 23, 2, "x", 23])) }, `input "Seen": element 4 (row 1, "dayofweek") is "x"`],
  ["too_many_rows", { inputs: TWO_ROWS.map((x) => ({ ...x, shape: [5, ...x.shape.slice(1)] })) }, `input "Beak Length (mm)": 5 rows, more than this server's limit of 4`],
];

describe("feedsFromInferRequest: refused requests", () => {
  for (const [code, body, message] of ERRORS) {
    it(`${code}: ${message}`, () => {
      const err = (() => {
        try {
          feedsFromInferRequest(body, SCHEMA, LIMITS);
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(ServeRequestError);
      expect((err as ServeRequestError).code).toBe(code);
      expect((err as ServeRequestError).message).toContain(message);
    });
  }

  it("invalid_json: a body that is not JSON", () => {
    expect(() => parseJsonBody('{"inputs": [NaN]}')).toThrow(expect.objectContaining({ code: "invalid_json", message: expect.stringContaining("body: not JSON") }));
  });
});

describe("inferResponse", () => {
  const outputs = {
    predicted_label: { data: ["Adelie", "Gentoo"], dims: [2] },
    probabilities: { data: new Float32Array([0.75, 0.25, 0.5, NaN]), dims: [2, 2] },
    class_index: { data: new BigInt64Array([0n, 2n]), dims: [2] },
  };

  it("encodes strings as BYTES, floats as FP32 (NaN as null), int64 as INT64 numbers", () => {
    expect(inferResponse("penguins", "3", "r1", outputs, null)).toEqual({
      model_name: "penguins",
      model_version: "3",
      id: "r1",
      outputs: [
        { name: "predicted_label", shape: [2], datatype: "BYTES", data: ["Adelie", "Gentoo"] },
        { name: "probabilities", shape: [2, 2], datatype: "FP32", data: [0.75, 0.25, 0.5, null] },
        { name: "class_index", shape: [2], datatype: "INT64", data: [0, 2] },
      ],
    });
  });

  it("returns only the wanted outputs, in the request's order, and omits absent version and id", () => {
    const r = inferResponse("penguins", null, undefined, outputs, ["class_index", "predicted_label"]);
    expect(r.outputs.map((o) => o.name)).toEqual(["class_index", "predicted_label"]);
    expect(Object.keys(r)).toEqual(["model_name", "outputs"]);
  });

  it("unknown_output: an output the model does not have", () => {
    expect(() => inferResponse("penguins", "3", undefined, outputs, ["predicted_value"])).toThrow(
      expect.objectContaining({ code: "unknown_output", message: expect.stringContaining(`output "predicted_value": not an output of this model`) }),
    );
  });
});

describe("conformance with the v2 REST spec's shapes", () => {
  it("the spec's example infer request parses", () => {
    expect(inferRequestSchema.safeParse({ id: "42", inputs: [{ name: "input0", shape: [2, 2], datatype: "UINT32", data: [1, 2, 3, 4] }, { name: "input1", shape: [3], datatype: "BOOL", data: [true, false, true] }], outputs: [{ name: "output0" }] }).success).toBe(true);
  });

  it("a response parses as $inference_response and survives JSON", () => {
    const r = inferResponse("penguins", "3", "r1", { predicted_value: { data: new Float32Array([1.5, 2]), dims: [2] } }, null);
    expect(inferResponseSchema.parse(JSON.parse(JSON.stringify(r)))).toEqual(r);
  });

  it("metadata parses as $metadata_model_response, with -1 for the batch dimension", () => {
    const m = modelMetadata("penguins", ["1", "3"], SCHEMA, [
      { name: "predicted_label", datatype: "BYTES", shape: ["N"] },
      { name: "probabilities", datatype: "FP32", shape: [-1, 3] },
    ]);
    expect(modelMetadataSchema.parse(JSON.parse(JSON.stringify(m)))).toEqual(m);
    expect(m).toEqual({
      name: "penguins",
      versions: ["1", "3"],
      platform: "onnxruntime_onnx",
      inputs: [
        { name: "Beak Length (mm)", datatype: "FP32", shape: [-1, 1] },
        { name: "Island", datatype: "BYTES", shape: [-1, 1] },
        { name: "Adult", datatype: "FP32", shape: [-1, 1] },
        { name: "Seen", datatype: "FP32", shape: [-1, 3] },
      ],
      outputs: [
        { name: "predicted_label", datatype: "BYTES", shape: [-1] },
        { name: "probabilities", datatype: "FP32", shape: [-1, 3] },
      ],
    });
  });
});
