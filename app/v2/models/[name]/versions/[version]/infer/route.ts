// The same handler as without /versions/{version}: it reads the version from the path when there is one.
export { POST } from "@/app/v2/models/[name]/infer/route";

export const runtime = "nodejs";
