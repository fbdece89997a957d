import type { Mail } from "./mailer";

// Plain text keeps mail small and readable on any phone. English for now;
// per-recipient language comes with the notification settings.
export function invitationMail(to: string, name: string, roleLabel: string, link: string, expires: string): Mail {
  return {
    to,
    kind: "invitation",
    secrets: [link],
    subject: "Your invitation to Plenary, CSTD Working Group on Data Governance",
    text: [
      `Dear ${name},`,
      "",
      `You are invited to join Plenary, the workspace of the CSTD Working Group on Data Governance, as ${roleLabel}.`,
      "",
      "Open this link to choose your password and sign in:",
      link,
      "",
      `The link works once and expires on ${expires} (UTC).`,
      "",
      "UNCTAD secretariat",
    ].join("\n"),
  };
}

export function resetMail(to: string, name: string, link: string): Mail {
  return {
    to,
    kind: "password_reset",
    secrets: [link],
    subject: "Reset your Plenary password",
    text: [
      `Dear ${name},`,
      "",
      "Someone asked to reset the password of your Plenary account. If it was you, open this link within one hour:",
      link,
      "",
      "If it was not you, ignore this message; your password stays as it is.",
    ].join("\n"),
  };
}
