/**
 * Last day of security support (UTC) per release, as each distribution publishes it. Only dates
 * the distribution announced go in: a release missing here is "end-of-life status unknown", never
 * a guess. Where only the month was announced, the month's last day is used, so a release is
 * never called ended before it is.
 *
 * Each family's source is named above it, and a date from elsewhere beside that date.
 *
 * - Alpine: the branch's "end of support" (main repository) from alpinelinux.org/releases.
 * - Debian: the end of Debian LTS (wiki.debian.org/LTS), after the security team's support.
 * - Ubuntu: the end of standard support (wiki.ubuntu.com/Releases, and
 *   ubuntu.com/about/release-cycle); Expanded Security Maintenance needs an Ubuntu Pro
 *   attachment a container base image does not have.
 *
 * A release newer than a family's newest here is "unknown" too, and the message says to
 * update alpinize: add each release once its distribution announces the date.
 */
export const SUPPORT_ENDS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  // alpinelinux.org/releases, "end of support" of each branch's main repository.
  alpine: {
    "2.0": "2012-04-01",
    "2.1": "2012-11-01",
    "2.2": "2013-05-01",
    "2.3": "2013-11-01",
    "2.4": "2014-05-01",
    "2.5": "2014-11-01",
    "2.6": "2015-05-01",
    "2.7": "2015-11-01",
    "3.0": "2016-05-01",
    "3.1": "2016-11-01",
    "3.2": "2017-05-01",
    "3.3": "2017-11-01",
    "3.4": "2018-05-01",
    "3.5": "2018-11-01",
    "3.6": "2019-05-01",
    "3.7": "2019-11-01",
    "3.8": "2020-05-01",
    "3.9": "2020-11-01",
    "3.10": "2021-05-01",
    "3.11": "2021-11-01",
    "3.12": "2022-05-01",
    "3.13": "2022-11-01",
    "3.14": "2023-05-01",
    "3.15": "2023-11-01",
    "3.16": "2024-05-23",
    "3.17": "2024-11-22",
    "3.18": "2025-05-09",
    "3.19": "2025-11-01",
    "3.20": "2026-04-01",
    "3.21": "2026-11-01",
    "3.22": "2027-05-01",
    "3.23": "2027-11-01",
    // Released 2026-06-09 (aports "release 3.24.0"), a month late, and supported to June, not
    // May: alpinelinux.org/releases (releases.json `eol_date`), the date Trivy's table took
    // (aquasecurity/trivy #11308, 2026-09-29).
    "3.24": "2028-06-01",
  },
  // wiki.debian.org/LTS, the end of LTS of each release.
  debian: {
    "7": "2018-05-31",
    "8": "2020-06-30",
    "9": "2022-06-30",
    "10": "2024-06-30",
    "11": "2026-08-31",
    "12": "2028-06-30",
    // Trixie, released 2025-08-09: LTS to 2030-06-30 (wiki.debian.org/LTS).
    "13": "2030-06-30",
  },
  // wiki.ubuntu.com/Releases, "End of Standard Support" (a month: its last day) for the LTS
  // releases. Interim releases (nine months of support) end on the day Ubuntu announces, from
  // distro-info-data's ubuntu.csv (its `eol` column, Debian package 0.58+deb12u6), the data
  // Ubuntu's ubuntu-distro-info tool reads.
  ubuntu: {
    "14.04": "2019-04-30",
    "14.10": "2015-07-23",
    "15.04": "2016-02-04",
    "15.10": "2016-07-28",
    "16.04": "2021-04-30",
    "16.10": "2017-07-20",
    "17.04": "2018-01-13",
    "17.10": "2018-07-19",
    "18.04": "2023-05-31",
    "18.10": "2019-07-18",
    "19.04": "2020-01-23",
    "19.10": "2020-07-17",
    "20.04": "2025-05-31",
    "20.10": "2021-07-22",
    "21.04": "2022-01-20",
    "21.10": "2022-07-14",
    // "June 2027" on wiki.ubuntu.com/Releases; ubuntu.com/about/release-cycle has said April,
    // then May 2027: the latest announced month, so 22.04 is never called ended early.
    "22.04": "2027-06-30",
    "22.10": "2023-07-20",
    "23.04": "2024-01-25",
    "23.10": "2024-07-11",
    // "May 2029": ubuntu.com/about/release-cycle and the 24.04 release notes.
    "24.04": "2029-05-31",
    // Oracular Oriole: end of life 2025-07-10 (distro-info-data; Ubuntu's EOL notice, July 2025).
    "24.10": "2025-07-10",
    // Plucky Puffin: 2026-01-15 (distro-info-data; "January 2026" when it was released).
    "25.04": "2026-01-15",
    // Questing Quokka: 2026-07-09 (distro-info-data; "July 2026" when it was released).
    "25.10": "2026-07-09",
    // Resolute Raccoon, released 2026-04-23: "supported until April 2031" (the 26.04 release
    // notes, documentation.ubuntu.com/release-notes/26.04, as endoflife.date #10013 quotes
    // them). Some trackers took May 2031 from ubuntu.com/about/release-cycle: check that page
    // again before 2031, as 22.04's month moved.
    "26.04": "2031-04-30",
  },
};

/** Distributions with no releases (rolling): end of support does not apply to them. */
export const ROLLING_FAMILIES: ReadonlySet<string> = new Set(["wolfi", "chainguard"]);
