"use client";

import type { AgreementReport, IntervalReport } from "@/lib/labels/agreement";
import type { ProjectAgreement } from "@/lib/labels/project-agreement";

/** Three decimals: agreement coefficients are read to the hundredth and compared to the thousandth. */
export function fmt(x: number | null): string {
  return x === null ? "—" : x.toFixed(3);
}

function ci(i: IntervalReport | undefined): string {
  return i && i.lower !== null && i.upper !== null ? `${fmt(i.lower)} – ${fmt(i.upper)}` : "—";
}

/** The agreement statistics of one report, as labelled tables. */
function ReportTables({ report, labels, annotators }: { report: AgreementReport; labels: readonly string[]; annotators: readonly string[] }) {
  const b = report.bootstrap;
  const level = b ? `${Math.round(b.level * 100)}% CI (${b.resamples} bootstrap resamples of items)` : "CI";
  return (
    <>
      <table className="listing stats" aria-label="Agreement statistics">
        <thead>
          <tr>
            <th scope="col">Statistic</th>
            <th scope="col">Value</th>
            <th scope="col">{level}</th>
            <th scope="col">Items</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Percent agreement (pairwise)</th>
            <td>{fmt(report.percentAgreement.pairwise)}</td>
            <td>{ci(b?.percentAgreement)}</td>
            <td>{report.percentAgreement.items}</td>
          </tr>
          <tr>
            <th scope="row">All annotators agree</th>
            <td>{fmt(report.percentAgreement.allAgree)}</td>
            <td>{ci(b?.allAgree)}</td>
            <td>{report.percentAgreement.items}</td>
          </tr>
          <tr>
            <th scope="row">Fleiss&apos; kappa</th>
            <td>{fmt(report.fleissKappa.kappa)}</td>
            <td>{ci(b?.fleissKappa)}</td>
            <td>{report.fleissKappa.items}</td>
          </tr>
          <tr>
            <th scope="row">Krippendorff&apos;s alpha (nominal)</th>
            <td>{fmt(report.krippendorffAlpha.alpha)}</td>
            <td>{ci(b?.krippendorffAlpha)}</td>
            <td>{report.krippendorffAlpha.units}</td>
          </tr>
        </tbody>
      </table>

      {annotators.length > 1 && (
        <table className="listing matrix" aria-label="Cohen's kappa by annotator pair">
          <caption>Cohen&apos;s kappa by annotator pair (items shared; percent agreement)</caption>
          <thead>
            <tr>
              <th scope="col">Annotator</th>
              {annotators.map((a) => (
                <th scope="col" key={a}>
                  {a}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {annotators.map((a, i) => (
              <tr key={a}>
                <th scope="row">{a}</th>
                {annotators.map((other, j) => (
                  <td key={other}>
                    {i === j
                      ? "—"
                      : `${fmt(report.pairwise.cohenKappa[i][j])} (${report.pairwise.sharedItems[i][j]}; ${fmt(report.pairwise.percentAgreement[i][j])})`}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <table className="listing" aria-label="Agreement by label">
        <thead>
          <tr>
            <th scope="col">Label</th>
            <th scope="col">Answers</th>
            <th scope="col">Share</th>
            <th scope="col">Kappa for the label</th>
            <th scope="col">Specific agreement</th>
          </tr>
        </thead>
        <tbody>
          {report.perLabel.map((l) => (
            <tr key={l.label}>
              <th scope="row">{labels[l.label]}</th>
              <td>{l.ratings}</td>
              <td>{fmt(l.share)}</td>
              <td>{fmt(l.kappa)}</td>
              <td>{fmt(l.specificAgreement)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      {report.confusedPairs.length > 0 && (
        <table className="listing" aria-label="Most confused label pairs">
          <thead>
            <tr>
              <th scope="col">Label pair</th>
              <th scope="col">Disagreeing answer pairs</th>
            </tr>
          </thead>
          <tbody>
            {report.confusedPairs.slice(0, 10).map((p) => (
              <tr key={`${p.a}-${p.b}`}>
                <td>
                  {labels[p.a]} ↔ {labels[p.b]}
                </td>
                <td>{p.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {report.gold && report.gold.some((g) => g.compared > 0) && (
        <table className="listing" aria-label="Agreement with gold labels">
          <thead>
            <tr>
              <th scope="col">Annotator</th>
              <th scope="col">Items with gold</th>
              <th scope="col">Accuracy</th>
              <th scope="col">Kappa</th>
            </tr>
          </thead>
          <tbody>
            {report.gold.map((g) => (
              <tr key={g.annotator}>
                <th scope="row">{annotators[g.annotator]}</th>
                <td>{g.compared}</td>
                <td>{fmt(g.accuracy)}</td>
                <td>{fmt(g.kappa)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export function AgreementPanel({ agreement }: { agreement: ProjectAgreement }) {
  return (
    <section aria-label="Agreement" className="agreement">
      <p className="hint">
        Label snapshot <code>{agreement.snapshotId}</code>; computed in {agreement.computeMs.toFixed(0)} ms.
      </p>
      {agreement.report ? (
        <ReportTables report={agreement.report} labels={agreement.labels} annotators={agreement.annotators} />
      ) : (
        agreement.perLabelBinary?.map((p) => (
          <details key={p.label}>
            <summary>Label &ldquo;{p.label}&rdquo; (chosen or not)</summary>
            <ReportTables report={p.report} labels={["not chosen", "chosen"]} annotators={agreement.annotators} />
          </details>
        ))
      )}
    </section>
  );
}
