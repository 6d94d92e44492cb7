import { describe, expect, it } from "vitest";
import { ddmrpBuffer, ddmrpStatus, leadTimeCategory, netFlowPosition, variabilityCategory } from "./ddmrp.js";

// Hand-computed with Ptak & Smith's equations (DDMRP, 2016/2019, buffer zone and net flow chapters);
// the book's own worked part numbers are not reproduced here.
// ADU 20/day, DLT 15 days (medium: LTF 0.5), CV 0.7 (medium: VF 0.5), MOQ 100, order cycle 7 days:
// red base 20·15·0.5 = 150, red safety 75, red 225; yellow 300; green max(140, 150, 100) = 150;
// TOR 225, TOY 525, TOG 675.
const buffer = ddmrpBuffer({
  adu: 20,
  dltDays: 15,
  leadTimeFactor: 0.5,
  variabilityFactor: 0.5,
  moq: 100,
  orderCycleDays: 7,
});

describe("ddmrpBuffer", () => {
  it("zones and tops", () => {
    expect(buffer.redBase).toBe(150);
    expect(buffer.redSafety).toBe(75);
    expect(buffer.red).toBe(225);
    expect(buffer.yellow).toBe(300);
    expect(buffer.green).toBe(150);
    expect(buffer.greenBasis).toBe("lead_time_factor");
    expect([buffer.topOfRed, buffer.topOfYellow, buffer.topOfGreen]).toEqual([225, 525, 675]);
  });

  it("green takes the largest of order cycle, LTF term and MOQ", () => {
    expect(
      ddmrpBuffer({
        adu: 20,
        dltDays: 15,
        leadTimeFactor: 0.5,
        variabilityFactor: 0.5,
        moq: 100,
        orderCycleDays: 10,
      }).greenBasis,
    ).toBe("order_cycle");
    const m = ddmrpBuffer({
      adu: 20,
      dltDays: 15,
      leadTimeFactor: 0.5,
      variabilityFactor: 0.5,
      moq: 400,
      orderCycleDays: 7,
    });
    expect(m.green).toBe(400);
    expect(m.greenBasis).toBe("moq");
  });

  it("categories follow the configured cut-offs", () => {
    expect(leadTimeCategory(15)).toBe("medium");
    expect(leadTimeCategory(5)).toBe("short");
    expect(leadTimeCategory(45)).toBe("long");
    expect(variabilityCategory(0.7)).toBe("medium");
    expect(variabilityCategory(0.3)).toBe("low");
    expect(variabilityCategory(Number.NaN)).toBe("high");
  });
});

describe("net flow and planning status", () => {
  // On hand 300, on order 200, due today 40; next days 10, 130, 20, 150, then 5s; spike threshold
  // 50 % of red = 112.5, horizon = DLT 15 → spikes 130 + 150 = 280; qualified 320; NFP = 180.
  const upcoming = [10, 130, 20, 150, ...new Array(20).fill(5)];
  const flow = {
    onHand: 300,
    onOrder: 200,
    dueToday: 40,
    upcomingDaily: upcoming,
    spikeThreshold: 112.5,
    spikeHorizonDays: 15,
  };

  it("qualifies only spikes above the threshold within the horizon", () => {
    const nf = netFlowPosition(flow);
    expect(nf.qualifiedDemand).toBe(320);
    expect(nf.spikeDays).toEqual([2, 4]);
    expect(nf.netFlowPosition).toBe(180);
    expect(netFlowPosition({ ...flow, spikeHorizonDays: 3 }).qualifiedDemand).toBe(170);
  });

  it("priorities and the recommended order (TOG − NFP = 495 → 500 with multiple 50)", () => {
    const s = ddmrpStatus(buffer, flow, { moq: 100, orderMultiple: 50 });
    expect(s.planningZone).toBe("red");
    expect(s.planningPriority).toBeCloseTo(180 / 675, 12);
    expect(s.executionPriority).toBeCloseTo(300 / 225, 12);
    expect(s.recommendedQuantity).toBe(500);
  });

  it("no order above top of yellow", () => {
    const s = ddmrpStatus(buffer, { ...flow, onOrder: 600 }, { moq: 1, orderMultiple: 1 });
    expect(s.netFlowPosition).toBe(580);
    expect(s.planningZone).toBe("green");
    expect(s.recommendedQuantity).toBe(0);
    const edge = ddmrpStatus(buffer, { ...flow, onOrder: 545 }, { moq: 1, orderMultiple: 1 });
    expect(edge.netFlowPosition).toBe(525);
    expect(edge.recommendedQuantity).toBe(150);
  });
});
