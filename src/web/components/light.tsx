export type LightName = "green" | "yellow" | "red" | "none";

const LABEL: Record<LightName, string> = { green: "green", yellow: "amber", red: "red", none: "not rated" };

/** A traffic light dot with its name for screen readers (and as a tooltip). */
export const Light = ({ light }: { light: LightName }) => (
  <span class={`light light-${light}`} role="img" aria-label={LABEL[light]} title={LABEL[light]} />
);
