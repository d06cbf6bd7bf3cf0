// The same handler as without /versions/{version}: it reads the version from the path when there is one.
export { GET } from "@/app/v2/models/[name]/route";

export const runtime = "nodejs";
