import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, input, OnInit } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { problemMessage } from '../../core/errors/problem';
import { NetworkStatus } from '../../core/offline/network-status';
import { ChainVerification, type VerificationOutcome } from './chain-verification';
import { brokenChainText, intactChainText } from './verify-text';

/** The hash chain's verify status with a "Verify now" button (dashboard and audit log). */
@Component({
  selector: 'tt-chain-verify-panel',
  imports: [DatePipe, MatButtonModule, MatIconModule, MatProgressBarModule, MatTooltipModule],
  templateUrl: './chain-verify-panel.html',
  styleUrl: './chain-verify-panel.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChainVerifyPanel implements OnInit {
  protected readonly verification = inject(ChainVerification);
  protected readonly network = inject(NetworkStatus);
  /** Verify on open unless a recent result is at hand (the dashboard). */
  readonly autoVerify = input(false);
  /** The heading level's text. */
  readonly heading = input('Chain integrity');
  protected readonly message = problemMessage;

  ngOnInit(): void {
    if (this.autoVerify() && this.network.online()) void this.verification.ensureFresh();
  }

  protected okText(outcome: VerificationOutcome): string {
    return intactChainText(outcome);
  }

  protected brokenText(outcome: VerificationOutcome): string {
    return brokenChainText(outcome);
  }

  protected verifyNow(): void {
    void this.verification.verify();
  }
}
