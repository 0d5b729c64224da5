namespace Weimin.Features.Cases;

public enum CaseKind { Application = 0, Repair = 1, Petition = 2, Tracked = 3 }

/// <summary>SPEC §3: received → (awaiting supplement ⇄ in progress) → completed → closed; also transferred, rejected, withdrawn, merged.</summary>
public enum CaseStatus
{
    Received = 0,
    AwaitingSupplement = 1,
    InProgress = 2,
    Completed = 3,
    Closed = 4,
    /// <summary>Sent to another agency (移文); this agency's work is done.</summary>
    Transferred = 5,
    Rejected = 6,
    Withdrawn = 7,
    Merged = 8,
}

/// <summary>How the case arrived (臨櫃 / 非臨櫃).</summary>
public enum CaseChannel { Counter = 0, Online = 1, Phone = 2, Mail = 3, DriveThrough = 4, HomeVisit = 5, Api = 6 }

/// <summary>How the applicant wants to be told, with their consent.</summary>
public enum NoticeChannel { None = 0, Email = 1, Sms = 2, Line = 3, Phone = 4, Letter = 5 }

public enum CaseEventType
{
    Received = 0,
    SupplementRequested = 1,
    Supplemented = 2,
    Started = 3,
    Assigned = 4,
    TransferredToSection = 5,
    TransferredToAgency = 6,
    Extended = 7,
    Completed = 8,
    Closed = 9,
    Rejected = 10,
    Withdrawn = 11,
    Merged = 12,
    Note = 13,
    /// <summary>A new tracking code was printed for the applicant; the old one no longer works. Internal.</summary>
    TrackingCodeReissued = 14,
    /// <summary>領件通知: the result waits at the counter; the applicant was told.</summary>
    ReadyForPickup = 15,
}

/// <summary>Where a case stands against its deadline.</summary>
public enum DeadlineState { OnTrack = 0, AtRisk = 1, Overdue = 2, Paused = 3, Done = 4 }

public static class CaseStatuses
{
    /// <summary>Statuses in which the office still owes work (the clock may be running or paused).</summary>
    public static readonly CaseStatus[] Open = [CaseStatus.Received, CaseStatus.AwaitingSupplement, CaseStatus.InProgress];

    /// <summary>Statuses in which the deadline clock runs.</summary>
    public static readonly CaseStatus[] Running = [CaseStatus.Received, CaseStatus.InProgress];

    public static bool IsOpen(this CaseStatus s) => s is CaseStatus.Received or CaseStatus.AwaitingSupplement or CaseStatus.InProgress;
}
